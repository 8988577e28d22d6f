"""Streamlit dashboard: troop movements reported in the news (minimal until the dashboard lands)."""

from __future__ import annotations

import streamlit as st

from extraction import extract_paths

st.set_page_config(page_title="Troop movements in the news", layout="wide")
st.title("Troop movements in the news")
document, errors = extract_paths(["seeds"])
for message in errors:
    st.error(message)
st.dataframe([c.to_dict() for c in document.claims])
