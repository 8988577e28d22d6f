"""View code for the Streamlit dashboard: the only package that imports streamlit or pydeck."""
