"""Word lists the claim finder matches on. Data, not logic: extend these to widen coverage.

Every list holds lowercased surface forms; multi-word entries are matched token by token.
"""

from __future__ import annotations

# Nouns that name troops. A count followed by one of these is a troop count.
TROOP_NOUNS: frozenset[str] = frozenset({
    "troops", "soldiers", "soldier", "servicemembers", "servicemen", "servicewomen", "personnel",
    "forces", "paratroopers", "marines", "sailors", "airmen", "cavalry", "troopers", "reservists",
    "guardsmen", "infantrymen", "commandos", "fighters", "mercenaries", "contractors", "peacekeepers",
    "military", "members", "boots", "conscripts", "recruits", "advisers", "advisors", "sappers", "units",
    "trainers", "instructors", "contingent", "contingents",
})
# Multi-word troop nouns (first word, rest): "service members", "military personnel".
TROOP_PHRASES: tuple[tuple[str, ...], ...] = (
    ("service", "members"), ("service", "member"), ("military", "personnel"), ("army", "personnel"),
    ("ground", "forces"), ("ground", "troops"), ("combat", "troops"), ("special", "forces"),
    ("national", "guard"), ("boots", "on", "the", "ground"),
)
# Nouns after a number that make it NOT a troop count.
NON_TROOP_NOUNS: frozenset[str] = frozenset({
    "people", "civilians", "dead", "deaths", "casualties", "killed", "wounded", "refugees", "tanks",
    "vehicles", "aircraft", "jets", "planes", "missiles", "rockets", "shells", "drones", "km", "kilometers",
    "kilometres", "miles", "meters", "metres", "feet", "days", "weeks", "months", "years", "hours",
    "minutes", "percent", "%", "dollars", "euros", "pounds", "million", "billion", "trillion",
    "tonnes", "tons", "barrels",
})
# Words that may stand between a count and its troop noun ("8,500 U.S. troops").
COUNT_NOUN_FILLERS: frozenset[str] = frozenset({
    "more", "additional", "extra", "other", "new", "fresh", "u.s.", "us", "american", "combat", "active-duty",
    "army", "military", "nato", "allied", "alliance", "elite", "airborne", "ground", "regular", "reserve",
    "of", "the", "their", "its", "“", "”", "\"", "'", "u.s", "heavily", "armed", "foreign", "troops", "coalition",
})

# Negation: single tokens right before the movement verb, and phrases anywhere in the clause.
NEGATORS: frozenset[str] = frozenset({"not", "n't", "n’t", "never", "no", "nor", "without"})

# Prepositions that introduce where troops go, come from, or gather.
DESTINATION_PREPS: frozenset[str] = frozenset({"to", "into", "onto", "toward", "towards", "throughout", "across"})
ORIGIN_PREPS: frozenset[str] = frozenset({"from"})

# Institutions whose name stands for a country's forces when they send troops.
INSTITUTION_COUNTRY: dict[str, str] = {
    "pentagon": "US", "white house": "US", "department of defense": "US", "defense department": "US",
    "u.s. army": "US", "us army": "US", "u.s. military": "US", "us military": "US", "washington": "US",
    "kremlin": "RU", "moscow": "RU", "russian defense ministry": "RU", "russian defence ministry": "RU",
    "bundeswehr": "DE", "ministry of defence": "GB", "whitehall": "GB", "downing street": "GB",
    "nato": "NATO", "the alliance": "NATO", "alliance": "NATO", "allies": "NATO", "allied": "NATO",
    "beijing": "CN", "pla": "CN", "tehran": "IR", "minsk": "BY", "kyiv": "UA", "kiev": "UA",
}

# Verbs that credit a statement to someone.
SPEECH_VERBS: frozenset[str] = frozenset({
    "said", "says", "say", "announced", "announces", "reported", "told", "tells", "stressed",
    "emphasized", "emphasised", "added", "confirmed", "confirms", "stated", "noted", "warned",
    "explained", "wrote", "tweeted", "declared", "disclosed", "revealed", "claimed",
    "insisted", "argued", "indicated", "signaled", "signalled", "briefed", "according",
})
ATTRIBUTION_INTROS: tuple[tuple[str, ...], ...] = (("according", "to"), ("per",), ("citing",))
# Titles stripped from a speaker's name ("Pentagon press secretary John Kirby" -> "John Kirby").
SPEAKER_STOPWORDS: frozenset[str] = frozenset({
    "the", "a", "an", "president", "secretary", "press", "spokesman", "spokeswoman", "spokesperson",
    "minister", "general", "gen.", "gen", "adm.", "admiral", "col.", "colonel", "lt.", "maj.", "sgt.",
    "chairman", "chief", "director", "prime", "foreign", "defense", "defence", "deputy", "senior",
    "official", "officials", "ambassador", "commander", "head", "mr.", "mrs.", "ms.", "dr.", "sen.",
    "rep.", "gov.", "governor", "senator", "u.s.", "us", "white", "house", "pentagon's", "nato",
})

# Units: formation words after an ordinal ("82nd Airborne Division") and named kinds ("Stryker squadron").
FORMATION_WORDS: frozenset[str] = frozenset({
    "division", "corps", "regiment", "brigade", "battalion", "squadron", "company", "fleet", "army",
    "wing", "group", "team", "battery", "battalions", "brigades", "detachment", "task", "force",
    "expeditionary", "unit", "flotilla", "command", "cavalry", "marines", "armored", "armoured",
    "infantry", "airborne", "mountain", "mechanized", "motorized", "mechanised", "motorised", "rifle", "tank",
    "artillery",
    "combat", "aviation", "air", "assault", "guards", "special", "forces", "operations", "stryker",
    "marine", "light", "heavy", "sustainment", "engineer", "signal", "military", "police", "intelligence",
    "fighter", "bomb", "airlift", "carrier", "strike", "amphibious", "ready", "missile", "defense",
    "defence", "sea", "naval", "coastal", "field", "motor", "paratroop", "parachute", "logistics", "bct", "abct",
    "ibct", "sbct", "platoon",
})
FORMATION_HEADS: frozenset[str] = frozenset({
    "division", "corps", "regiment", "brigade", "battalion", "squadron", "company", "fleet", "army",
    "wing", "group", "team", "battery", "detachment", "unit", "flotilla", "command", "force", "bct", "abct",
    "ibct", "sbct", "platoon", "contingent", "battlegroup",
})
# Words after "<demonym> military" that show "military" is the noun: "the Serbian military in the region".
AFTER_MILITARY: frozenset[str] = frozenset({
    "in", "on", "near", "along", "at", "to", "from", "into", "will", "is", "was", "has", "had", "would",
    "are", "have",
})

# Formations that, unnamed, still stand for troops a verb moves ("a battalion was sent"); not "group",
# "team", "company" or "force", which name other things as often.
MOVING_FORMATIONS: frozenset[str] = frozenset({
    "division", "corps", "regiment", "brigade", "battalion", "squadron", "battery", "detachment", "platoon",
    "contingent", "bct", "abct", "ibct", "sbct",
})
NAMED_UNIT_KINDS: dict[tuple[str, ...], str] = {
    ("stryker", "squadron"): "Stryker squadron",
    ("stryker", "brigade"): "Stryker brigade", ("stryker", "battalion"): "Stryker battalion",
    ("thaad", "battery"): "THAAD battery", ("patriot", "battery"): "Patriot battery",
    ("patriot", "batteries"): "Patriot batteries", ("carrier", "strike", "group"): "carrier strike group",
    ("marine", "expeditionary", "unit"): "Marine Expeditionary Unit",
    ("amphibious", "ready", "group"): "amphibious ready group",
    ("f-35", "squadron"): "F-35 squadron", ("f-16", "squadron"): "F-16 squadron",
    ("nato", "response", "force"): "NATO Response Force", ("armored", "brigade", "combat", "team"):
    "armored brigade combat team", ("infantry", "brigade", "combat", "team"): "infantry brigade combat team",
    ("battlegroup",): "battlegroup", ("battle", "group"): "battle group",
}

# Lines that are page furniture, not article text: video titles ending in a running time, photo credits.
PHOTO_CREDITS: tuple[str, ...] = ("getty images", "ap photo", "reuters", "afp via getty", "epa", "shutterstock")

# ---------------------------------------------------------------------------------------------------
# The dependency-parse event rules (extraction/events.py) read words by lemma, not by form.

# Movement predicates, verbs and nouns, by lemma, with the kind each names.
MOVE_LEMMAS: dict[str, str] = {
    **dict.fromkeys((
        "order", "deploy", "deployment", "send", "dispatch", "move", "movement", "transfer", "fly", "airlift", "ship",
        "rotate", "rotation", "reinforce", "reinforcement", "arrive", "arrival", "go", "head", "travel", "march",
        "enter", "cross", "invade", "invasion", "incursion", "surge", "station", "stationing", "post", "assign",
        "add", "position", "land", "bring", "join", "deliver", "transport", "dispatch", "expand", "boost",
        "receive", "host", "welcome", "despatch", "reach", "push", "roll", "pour", "bolster", "beef",
        "commit", "base", "garrison", "send-off", "redirect", "replace", "transit", "proceed", "depart",
        "come", "embark", "rush", "sail",
    ), "deploy"),
    **dict.fromkeys(("relocate", "relocation", "redeploy", "redeployment", "reposition", "repositioning",
                     "shift", "realign", "realignment"), "relocate"),
    **dict.fromkeys(("withdraw", "withdrawal", "pullout", "pull-out", "drawdown", "leave", "exit", "quit",
                     "abandon", "evacuate", "evacuation", "vacate", "retreat", "return", "departure",
                     "disengagement", "disengage", "recall", "pullback"), "withdraw"),
    **dict.fromkeys(("mass", "gather", "amass", "concentrate", "concentration", "buildup", "build-up",
                     "accumulate", "assemble", "muster"), "buildup"),
    **dict.fromkeys(("mobilize", "mobilise", "mobilization", "mobilisation", "alert", "standby", "callup"), "alert"),
    **dict.fromkeys(("pledge", "promise", "vow", "offer", "contribute"), "pledge"),
}
# Verbs whose particle changes the kind: "pull out", "build up", "call up", "draw down", "come home".
PARTICLE_KINDS: dict[str, dict[str, str]] = {
    "pull": {"out": "withdraw", "back": "withdraw", "home": "withdraw"},
    "draw": {"down": "withdraw", "back": "withdraw"},
    "build": {"up": "buildup"},
    "beef": {"up": "buildup"},
    "call": {"up": "alert"},
    "come": {"home": "withdraw", "back": "withdraw"},
    "go": {"home": "withdraw", "back": "withdraw"},
    "head": {"home": "withdraw", "back": "withdraw"},
    "fly": {"home": "withdraw", "back": "withdraw"},
    "bring": {"home": "withdraw", "back": "withdraw"},
    "move": {"out": "withdraw", "back": "withdraw"},
    "take": {"out": "withdraw"},
    "ship": {"out": "deploy", "home": "withdraw"},
    "step": {"up": "buildup"},
    "scale": {"back": "withdraw", "down": "withdraw"},
}
# Particles and adverbs that turn a movement into a return home.
HOMEWARD: frozenset[str] = frozenset({"home", "homeward", "out", "back"})
# Verbs that move troops only when the troops are their object ("Poland will receive 1,700 troops",
# "add 625 troops"; "the division received orders" is no movement of the orders).
OBJECT_ONLY_MOVES: frozenset[str] = frozenset({
    "receive", "host", "welcome", "add", "bring", "deliver", "transport", "expand", "boost", "bolster",
    "commit", "position", "station", "base", "garrison", "recall", "offer", "push",
    "pour", "ship", "post", "assign", "order", "set",
})
ADJECTIVE_MOVES: frozenset[str] = frozenset({"bound"})
# Words that put troops on alert when they sit in the predicate's phrase ("put on high alert").
ALERT_WORDS: frozenset[str] = frozenset({
    "alert", "standby", "readiness", "prepare-to-deploy", "notice", "ready", "stand", "prepare",
})
# Verbs that carry an alert phrase: "put on alert", "placed on standby", "ordered to be ready".
ALERT_CARRIERS: frozenset[str] = frozenset({"put", "place", "keep", "order", "prepare", "be", "remain", "stand",
                                           "receive", "get", "issue", "give"})
# Verbs whose direct object is where troops leave, or where they go.
LEAVE_LEMMAS: frozenset[str] = frozenset({
    "leave", "exit", "quit", "abandon", "evacuate", "vacate", "depart", "withdraw", "pull",
})
ENTER_LEMMAS: frozenset[str] = frozenset({"enter", "cross", "invade", "reach", "reinforce", "join", "occupy", "defend"})
# Verbs whose subject is the destination.
RECEIVE_LEMMAS: frozenset[str] = frozenset({"receive", "host", "welcome", "get", "accept"})
# "for" names a destination after these: "heading for Poland", "left for Romania".
FOR_DESTINATION: frozenset[str] = frozenset({"head", "leave", "depart", "bound", "set", "sail", "embark"})
# Prepositions of place that, after a verb of stationing, name where troops end up.
LOCATIVE_PREPS: frozenset[str] = frozenset({
    "in", "at", "inside", "within", "on", "near", "along", "around", "across", "throughout", "over", "close",
    "outside",
})
LOCATIVE_DEPLOY: frozenset[str] = frozenset({
    "deploy", "deployment", "station", "stationing", "position", "base", "arrive", "arrival", "land", "post",
    "add", "garrison", "mass", "gather", "amass", "concentrate", "assemble", "reinforce", "surge",
    "rotate", "rotation", "boost", "bolster", "send", "move", "transfer", "redeploy", "relocate", "fight",
    "intervene", "participate", "take",
})
# Participles that describe where troops are now ("troops stationed in Germany"): an origin.
STATIONED_LEMMAS: frozenset[str] = frozenset({"station", "base", "garrison", "headquarter", "locate", "serve"})
# Nouns that hold a place: "their bases in X", "the city of X", "the border with X".
PLACE_CONTAINERS: frozenset[str] = frozenset({
    "base", "city", "town", "region", "capital", "territory", "area", "province", "border", "frontier",
    "airport", "country", "state", "port", "home", "garrison", "barracks", "headquarters", "island",
    "soil", "village", "district", "oblast", "side", "part", "outskirts", "attack", "war", "fighting",
    "operation", "offensive", "conflict", "zone", "theatre", "theater", "mission", "force", "battlegroup",
})
CONTAINER_PREPS: frozenset[str] = frozenset({"in", "of", "at", "near", "with", "on", "along", "inside"})

# Negation and modality, scoped to the predicate and the verbs controlling it.
NEGATING_DETERMINERS: frozenset[str] = frozenset({"no", "none", "neither"})
NEGATING_GOVERNORS: frozenset[str] = frozenset({"refuse", "decline", "deny", "reject", "exclude", "forbid",
                                                "oppose", "avoid", "prevent", "halt", "cancel", "scrap"})
NEGATING_WITH_PARTICLE: dict[str, str] = {"rule": "out"}
TIME_LIMITS: frozenset[str] = frozenset({"before", "until", "till"})
HEDGING_MODALS: frozenset[str] = frozenset({"may", "might", "could", "can"})
HEDGING_ADVERBS: frozenset[str] = frozenset({"likely", "possibly", "potentially", "perhaps", "reportedly"})
HEDGING_ADJECTIVES: frozenset[str] = frozenset({"possible", "potential", "any", "proposed", "planned"})
HEDGING_GOVERNORS: frozenset[str] = frozenset({
    "consider", "plan", "propose", "weigh", "mull", "discuss", "talk", "prepare", "ready", "threaten",
    "want", "seek", "intend", "contemplate", "explore", "option", "proposal", "possibility", "idea",
    "suggest", "discussion", "negotiation", "consultation", "study", "review",
})
INSTEAD_PREPS: frozenset[str] = frozenset({"of"})
SPEECH_LEMMAS: frozenset[str] = frozenset({
    "say", "tell", "announce", "report", "state", "add", "confirm", "note", "warn", "explain", "write",
    "tweet", "declare", "claim", "insist", "argue", "stress", "emphasize", "emphasise", "quote",
})
# Verbs whose subject is the side that sends ("Washington will send 3,000 to Poland"): its country is the origin.
SENDING_LEMMAS: frozenset[str] = frozenset({"send", "deploy", "dispatch", "move", "transfer", "airlift"})
# Verbs that are movements only when negated: "will not fight in Ukraine", "won't defend it".
NEGATED_ONLY_LEMMAS: frozenset[str] = frozenset({"fight", "defend", "intervene", "participate"})
# Verbs that frame troops as the content of something else: "the deployment includes 2,000 troops".
COPULAR_LEMMAS: frozenset[str] = frozenset({"be", "include", "consist", "comprise", "involve", "number", "total",
                                            "encompass", "make"})
# "to hot spots like Iraq or Syria": a place after these stands in for the noun before them.
EXAMPLE_PREPS: frozenset[str] = frozenset({"like", "including", "as"})
# A move to "their bases" or "its permanent base" is a return home.
OWN_POSSESSIVES: frozenset[str] = frozenset({"their", "its", "his", "our"})
HOME_BASES: frozenset[str] = frozenset({"base", "barracks", "garrison", "home", "homeland", "country"})
# Lexical negation: troops that "will remain" or "stay" where they are do not move.
REMAIN_LEMMAS: frozenset[str] = frozenset({"remain", "stay"})
# Verbs that say a movement happens (or not): "sending troops was off the table", "the move will not happen".
EVENT_VERBS: frozenset[str] = frozenset({"be", "happen", "occur", "take", "go", "come", "proceed", "begin", "start"})
# "No decision has been made to send": undecided, which is a hedge, not a negation.
UNDECIDED_NOUNS: frozenset[str] = frozenset({"decision", "agreement", "announcement", "word", "confirmation"})
# Places "along" or "near" which troops are deployed are where they gather: a buildup.
ALONG_PREPS: frozenset[str] = frozenset({"along"})
# Facilities a country may own in a place phrase ("Niger's Air Base 101 near Niamey").
FACILITY_NOUNS: frozenset[str] = frozenset({
    "base", "airbase", "airfield", "airport", "port", "camp", "barracks", "garrison", "outpost", "station",
})

# Subject pronouns that, under a verb of saying, stand for the one speaking ("France said it would ...").
SPEAKER_PRONOUNS: frozenset[str] = frozenset({"it", "we"})

# Verbs of going back: home only when the place is the troops' own country ("return to Ukraine" is not).
RETURN_LEMMAS: frozenset[str] = frozenset({"return"})

# Prepositions that join a second action of the same subject: "train there before moving on to X".
SEQUENCE_PREPS: frozenset[str] = frozenset({"before", "after"})

# Prepositions that set troops apart from the movement of the sentence.
APART_PREPS: frozenset[str] = frozenset({"than", "besides", "beside", "beyond", "unlike", "excluding"})
APART_HEADS: frozenset[str] = frozenset({"addition", "compare", "comparison", "contrast", "relative"})
# A movement under these is a question, not a claim: "it is unclear how many will be left".
UNCERTAIN_WORDS: frozenset[str] = frozenset({"unclear", "uncertain", "unknown", "undecided", "whether"})
# A movement someone is asked to make is a demand, not a movement: "urged Belgrade to withdraw its troops".
REQUEST_LEMMAS: frozenset[str] = frozenset({"urge", "demand", "press", "appeal", "ask", "request"})
# Words with a count that mark an addition, not a part of an earlier total ("along with 900 others").
ADDITIVE_WORDS: frozenset[str] = frozenset({"others", "other", "more", "additional", "another", "extra", "further"})
# Verbs that direct troops; their complement says which movement ("ordered forces to return").
DIRECTING_LEMMAS: frozenset[str] = frozenset({"order", "instruct", "direct", "tell", "command", "authorize",
                                              "authorise", "approve"})
# Verbs whose object names the movement their subject makes: "will conduct a march", "began a withdrawal".
LIGHT_VERBS: frozenset[str] = frozenset({"conduct", "carry", "make", "begin", "start", "complete", "undertake",
                                         "stage", "launch", "finish", "continue"})
# "on the way", "en route", "on the move".
UNDER_WAY: frozenset[str] = frozenset({"way", "route", "move", "march"})
# Participles that describe troops rather than say what they do: "against invading Russian forces".
ATTRIBUTIVE_PARTICIPLES: frozenset[str] = frozenset({"invade", "advance", "retreat", "occupy", "attack", "fight"})
# "moved closer to Ukraine", "near to the border": towards a place, not into it.
APPROACH_WORDS: frozenset[str] = frozenset({"closer", "close", "nearer", "near", "next"})
# Pronouns that can stand for troops named before: "They will leave Vilseck for Romania".
TROOP_PRONOUNS: frozenset[str] = frozenset({"they", "them"})
# Verbs of leaving that, with a destination, are a move on ("leave Vilseck for Romania").
LEAVE_FOR_LEMMAS: frozenset[str] = frozenset({"leave", "depart", "exit", "quit"})
# "along with 900 others", "together with", "plus": troops added to those the verb moves.
ADDING_PREPS: frozenset[str] = frozenset({"with", "plus"})
# A government that approves or hosts a deployment is where it goes, when no place is said.
HOSTING_LEMMAS: frozenset[str] = frozenset({"approve", "authorize", "authorise", "allow", "permit", "accept",
                                           "welcome", "host", "request", "invite"})
# Marks that open an item of a list in article text.
LIST_MARKS: frozenset[str] = frozenset({"-", "–", "—", "•", "*", "·", "▪", "►"})
# Alert words that need a movement after them: "ready to deploy", "prepare to move", "stand by".
READY_WORDS: frozenset[str] = frozenset({"ready", "prepare", "stand"})
# "the total of U.S. troops in Europe": a tally of troops, not troops that move.
TOTAL_NOUNS: frozenset[str] = frozenset({"total", "tally", "sum", "strength"})
# Verbs of joining troops already somewhere: "150 more will join them".
JOINING_LEMMAS: frozenset[str] = frozenset({"join", "reinforce", "relieve", "replace"})
# Verbs that, with troops as subject and a formation as object, put the troops in it: "make up", "form part of".
MAKE_UP: dict[str, str] = {"make": "up"}
FORM_PART: frozenset[str] = frozenset({"form", "become"})
# Plain words for people that count troops when they are counted inside a formation ("a company of 150 people").
PEOPLE_NOUNS: frozenset[str] = frozenset({"people", "men", "women", "personnel", "members", "staff", "specialists",
                                         "engineers", "medics"})
# Troop nouns a group's name may stand before ("Wagner fighters", "Hezbollah militants").
FORCE_NOUNS: frozenset[str] = frozenset({"fighters", "troops", "forces", "mercenaries", "soldiers", "militants",
                                         "militiamen", "units", "paramilitaries", "gunmen"})
# Capitalised words before a troop noun that do not name a group.
NOT_FORCE_NAMES: frozenset[str] = frozenset({
    "the", "these", "those", "some", "many", "more", "most", "all", "both", "other", "foreign", "allied", "ground",
    "special", "combat", "army", "navy", "marine", "coalition", "government", "rebel", "enemy", "western", "nato",
    "federal", "state", "national", "regular", "reserve", "elite", "airborne", "american", "un", "peacekeeping",
})
# Clauses of a movement that may never happen: "if needed", "unless talks fail".
HYPOTHETICAL_MARKS: frozenset[str] = frozenset({"if", "unless", "whether"})
# "there will be 2,500 fewer soldiers in the Sahel": a smaller force somewhere is troops leaving it.
FEWER_WORDS: frozenset[str] = frozenset({"fewer", "less"})
# Nouns that name a movement by themselves ("the pullout", "the withdrawal"), and the verbs that say such a
# movement is scheduled, under way, done or ruled out.
EVENT_NOUNS: frozenset[str] = frozenset({"withdrawal", "pullout", "pull-out", "drawdown", "disengagement"})
EVENT_STATUS_VERBS: frozenset[str] = frozenset({
    "complete", "schedule", "expect", "begin", "start", "finish", "end", "continue", "conduct", "announce",
    "order", "approve", "authorize", "rule", "plan", "proceed", "halt", "suspend", "delay", "carry", "finalize",
})
