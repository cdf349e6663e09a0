"""Fictional words the generator draws on: topics, titles, providers, peers and sentences.

Every person here is made up (surnames like Example and Sample say so). People who use
services are never named: sentences speak of "a young person" or "Family A".
Sentence slots: {topic} (lower case), {who} (someone who uses services), {peer} and {role}.
"""

from __future__ import annotations

from typing import NamedTuple


class Topic(NamedTuple):
    """A subject of learning, with the tags and standard codes it usually carries."""

    name: str
    tags: tuple[str, ...]
    codes: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic("Safeguarding adults", ("safeguarding", "adults"), ("swe:3.11", "swe:3.6", "pcf:7")),
    Topic("Child protection", ("safeguarding", "children"), ("swe:3.11", "swe:3.2", "pcf:7")),
    Topic("Mental Capacity Act practice", ("mca", "legal-literacy"), ("swe:1.5", "swe:3.1", "pcf:5")),
    Topic("Liberty Protection Safeguards", ("mca", "legal-literacy"), ("swe:3.1", "pcf:5")),
    Topic("Trauma-informed practice", ("trauma", "relationships"), ("swe:2.1", "swe:4.6", "pcf:5")),
    Topic("Strengths-based practice", ("strengths", "assessment"), ("swe:1.3", "swe:3.2", "pcf:7")),
    Topic("Domestic abuse", ("safeguarding", "domestic-abuse"), ("swe:3.11", "swe:3.12", "pcf:4")),
    Topic("Contextual safeguarding", ("safeguarding", "children"), ("swe:3.11", "swe:4.2", "pcf:8")),
    Topic("Self-neglect and hoarding", ("safeguarding", "adults"), ("swe:3.6", "swe:3.12", "pcf:7")),
    Topic("Care Act 2014 assessments", ("adults", "legal-literacy"), ("swe:3.1", "swe:3.2", "pcf:5")),
    Topic("Making Safeguarding Personal", ("safeguarding", "adults"), ("swe:1.2", "swe:1.3", "pcf:2")),
    Topic("Professional curiosity", ("safeguarding", "reflective"), ("swe:4.6", "swe:3.12", "pcf:6")),
    Topic("Anti-racist practice", ("anti-oppressive", "equality"), ("swe:1.5", "swe:1.6", "pcf:3")),
    Topic("Motivational interviewing", ("skills", "relationships"), ("swe:2.2", "swe:3.4", "pcf:7")),
    Topic("Neglect and the Graded Care Profile", ("children", "assessment"), ("swe:3.2", "pcf:7")),
    Topic("Parental mental health", ("mental-health", "children"), ("swe:3.2", "swe:3.7", "pcf:5")),
    Topic("Substance misuse", ("substance-misuse", "risk"), ("swe:3.4", "swe:3.12", "pcf:5")),
    Topic("Autism and learning disability", ("disability", "adults"), ("swe:1.3", "swe:1.5", "pcf:3")),
    Topic("Transitions to adulthood", ("children", "adults"), ("swe:3.7", "swe:3.9", "pcf:8")),
    Topic("Young carers", ("carers", "children"), ("swe:1.4", "swe:3.2", "pcf:4")),
    Topic("Unaccompanied children seeking asylum", ("children", "rights"), ("swe:1.5", "pcf:4")),
    Topic("Court skills and report writing", ("court", "recording"), ("swe:3.13", "swe:6.1", "pcf:7")),
    Topic("Chronologies and recording", ("recording", "assessment"), ("swe:3.10", "swe:3.13", "pcf:7")),
    Topic("Reflective supervision", ("supervision", "reflective"), ("swe:4.3", "swe:4.6", "pcf:6")),
    Topic("Emotional resilience", ("wellbeing", "reflective"), ("swe:4.5", "swe:4.8", "pcf:1")),
    Topic("Ethical decision making", ("ethics", "reflective"), ("swe:2.3", "swe:5.1", "pcf:2")),
    Topic("Restorative practice", ("relationships", "skills"), ("swe:2.1", "swe:2.2", "pcf:7")),
    Topic("Family group conferences", ("children", "relationships"), ("swe:1.4", "swe:2.2", "pcf:7")),
    Topic("Risk assessment and positive risk taking", ("risk", "assessment"), ("swe:3.4", "pcf:6")),
    Topic("Mental Health Act assessments", ("mental-health", "legal-literacy"), ("swe:3.1", "pcf:5")),
    Topic("Hospital discharge", ("adults", "health"), ("swe:3.9", "swe:3.7", "pcf:8")),
    Topic("Dementia and carers", ("adults", "carers"), ("swe:1.3", "swe:3.2", "pcf:5")),
    Topic("Financial abuse", ("safeguarding", "adults"), ("swe:3.11", "swe:3.6", "pcf:4")),
    Topic("Child exploitation and county lines", ("safeguarding", "children"), ("swe:3.11", "pcf:8")),
    Topic(
        "Data protection and information sharing",
        ("recording", "legal-literacy"),
        ("swe:2.7", "swe:3.10", "pcf:1"),
    ),
    Topic("Leading practice in a team", ("leadership", "supervision"), ("swe:4.7", "swe:4.2", "pcf:9")),
    Topic("Cultural humility", ("anti-oppressive", "equality"), ("swe:1.5", "swe:1.7", "pcf:3")),
    Topic("Homelessness and housing duties", ("housing", "rights"), ("swe:3.1", "pcf:4")),
)

READINGS: tuple[str, ...] = (
    "Munro review on child protection",
    "Care Act statutory guidance on safeguarding",
    "a research briefing on {topic}",
    "a journal article on {topic}",
    "a practice guide on {topic}",
    "a safeguarding adults review summary",
    "a local child safeguarding practice review",
    "Social Work England guidance on professional standards",
    "a textbook chapter on {topic}",
    "a thematic inspection report on {topic}",
)

TITLES: dict[str, tuple[str, ...]] = {
    "course": (
        "{Topic} training",
        "{Topic} refresher",
        "Introduction to {topic}",
        "{Topic}: two-day course",
        "Advanced {topic} workshop",
    ),
    "e-learning": ("E-learning: {topic}", "{Topic} online module", "Webinar on {topic}"),
    "reading": ("Reading: {reading}",),
    "supervision": (
        "Reflective supervision: {topic}",
        "Group supervision on {topic}",
        "Case supervision focused on {topic}",
    ),
    "shadowing": ("Shadowing a {role} on {topic}", "Observed a {role}: {topic}"),
    "conference": (
        "Regional conference: {topic}",
        "Annual practice conference on {topic}",
        "Safeguarding partnership conference",
    ),
    "research": (
        "Practice research: {topic}",
        "Literature search on {topic}",
        "Small audit of our work on {topic}",
    ),
    "teaching": (
        "Taught students about {topic}",
        "Team briefing I led on {topic}",
        "Practice educator session on {topic}",
    ),
    "peer-discussion": (
        "Peer discussion on {topic}",
        "Practice forum: {topic}",
        "Case discussion with colleagues on {topic}",
    ),
    "other": (
        "Team development day: {topic}",
        "Case file audit: {topic}",
        "Feedback from a practice observation",
    ),
}

# (low, high) hours for each type, in half hours.
HOURS: dict[str, tuple[float, float]] = {
    "course": (3.0, 7.5),
    "e-learning": (0.5, 3.0),
    "reading": (0.5, 2.5),
    "supervision": (1.0, 2.0),
    "shadowing": (2.0, 7.5),
    "conference": (5.0, 7.5),
    "research": (1.0, 6.0),
    "teaching": (1.0, 3.5),
    "peer-discussion": (0.5, 2.0),
    "other": (1.0, 7.5),
}

PROVIDERS: dict[str, tuple[str, ...]] = {
    "course": (
        "Northshire Council workforce development",
        "Westbridge Teaching Partnership",
        "Eastmoor Safeguarding Adults Board",
        "Fictional University CPD unit",
    ),
    "e-learning": (
        "Northshire learning hub",
        "Online learning platform",
        "NHS trust learning team",
    ),
    "reading": ("", "Self-directed"),
    "supervision": ("Team manager", "Practice supervisor"),
    "shadowing": (
        "Community mental health team",
        "Hospital discharge team",
        "Youth justice service",
    ),
    "conference": (
        "Westbridge Safeguarding Partnership",
        "Regional social work network",
        "Fictional University",
    ),
    "research": ("Self-directed", "Westbridge Teaching Partnership"),
    "teaching": ("Fictional University", "Northshire Council"),
    "peer-discussion": ("Team practice forum", "ASYE peer group", ""),
    "other": ("Northshire Council", "Quality assurance team"),
}

FIRST_NAMES: tuple[str, ...] = (
    "Alex",
    "Sam",
    "Jordan",
    "Priya",
    "Morgan",
    "Chris",
    "Robin",
    "Jamie",
    "Taylor",
    "Kiran",
    "Casey",
    "Riley",
    "Noor",
    "Ola",
    "Ellis",
    "Devon",
)
SURNAMES: tuple[str, ...] = (
    "Example",
    "Sample",
    "Specimen",
    "Placeholder",
    "Madeup",
    "Fictional",
    "Pretend",
    "Notreal",
    "Testcase",
    "Dummy",
)
PEER_ROLES: tuple[str, ...] = (
    "senior practitioner",
    "team manager",
    "practice educator",
    "ASYE peer",
    "advanced practitioner",
    "independent reviewing officer",
    "approved mental health professional",
    "occupational therapist",
    "health visitor",
    "designated safeguarding lead",
)
WHO: tuple[str, ...] = (
    "a young person",
    "an older adult",
    "Family A",
    "a parent",
    "a carer",
    "a child in care",
    "a man with a learning disability",
    "a woman experiencing domestic abuse",
    "Mr B",
    "a family I work with",
    "Ms C",
    "a care leaver",
)

TAGS_EXTRA: tuple[str, ...] = ("asye", "reflective", "research", "wellbeing", "leadership", "law")

EVIDENCE: tuple[str, ...] = (
    "certificates/{slug}.pdf",
    "notes/{slug}.md",
    "slides/{slug}.pdf",
    "reading/{slug}.txt",
)

# What an activity was: sentences for any activity, then for each kind of activity.
DESCRIPTION_ANY: tuple[str, ...] = (
    "I chose this because {topic} comes up in most of the cases I hold at the moment.",
    "This followed a piece of work with {who} that left me with questions about {topic}.",
    "My manager suggested it after we discussed my development plan in supervision.",
    "It was linked to the team's plan to improve how we respond to {topic}.",
    "It covered what the law requires and what good practice looks like day to day.",
)
DESCRIPTION: dict[str, tuple[str, ...]] = {
    "event": (
        "I attended a session on {topic} run by an experienced trainer with a mixed audience.",
        "We worked through a case study about {who} and discussed where the risks lay.",
        "It began with a short lecture and then moved into small group exercises.",
        "Participants came from children's services, adult services, health and the police.",
        "The facilitator used role play so we could practise difficult conversations.",
        "It was delivered online, with breakout rooms for discussion between the main sessions.",
        "It was pitched at experienced practitioners rather than at newly qualified staff.",
        "There was time at the end to bring our own cases and think about them together.",
    ),
    "reading": (
        "I read it over two evenings and made notes on the parts most relevant to my team.",
        "The material included research findings and the lessons of recent practice reviews.",
        "I searched for recent studies on {topic} and read the three most relevant in full.",
        "It summarised what the research says about {topic} and where the evidence is weak.",
        "I compared what I read with our local procedures to see where they differ.",
    ),
    "talk": (
        "We spent most of the time on one case, a piece of work with {who}.",
        "I brought a situation where I was unsure whether my plan was proportionate.",
        "We looked at how {topic} links to our duties and to the expectations of the regulator.",
        "The conversation was structured around what happened, what it meant and what next.",
        "I observed a home visit and the recording afterwards, then we talked it through.",
        "Each of us brought an example and the group helped to think it through.",
    ),
    "teach": (
        "I prepared the session myself, drawing on recent research and my own cases.",
        "The group were students and newly qualified social workers in their first year.",
        "I used a case study about {who} to bring the legal framework to life.",
        "I asked for written feedback at the end so that I could improve the session.",
    ),
}
# Which group of sentences describes each activity type.
DESCRIBED_AS: dict[str, str] = {
    "course": "event",
    "e-learning": "event",
    "conference": "event",
    "other": "event",
    "reading": "reading",
    "research": "reading",
    "supervision": "talk",
    "shadowing": "talk",
    "peer-discussion": "talk",
    "teaching": "teach",
}

LEARNING: tuple[str, ...] = (
    "I learnt to slow down and check my assumptions before reaching a view about risk.",
    "I now understand the threshold for a statutory enquiry much more clearly than before.",
    "The research showed how often professionals miss the voice of {who} in assessments.",
    "I realised that my recording had described events but had not analysed what they meant.",
    "It reminded me that {topic} is about relationships as much as procedures.",
    "I learnt practical questions to ask when I am worried that information does not add up.",
    "It challenged my thinking about how power shapes my visits to families.",
    "I gained a clearer understanding of the law and where my professional judgement fits.",
    "I learnt how trauma can affect memory, trust and the way people engage with services.",
    "Hearing how other agencies see our work helped me understand their pressures.",
    "I recognised that I sometimes rush to solutions instead of listening fully.",
    "I learnt how to explain capacity decisions in plain language and record them properly.",
    "The case study showed how drift happens when nobody holds the whole picture.",
    "I came away with a simple framework for weighing strengths against concerns.",
    "I understood better why {who} might see professional involvement as a threat.",
)

IMPACT: tuple[str, ...] = (
    "I have changed how I plan home visits so that I make time to speak to {who} alone.",
    "My assessments now include a short analysis section rather than only a description.",
    "I shared the key points at our team meeting and we agreed to update the checklist.",
    "I am more confident in challenging other professionals when I think a plan is not safe.",
    "I now record the reasons for my decisions at the time I make them.",
    "I used the approach with {who} the following week and the conversation went better.",
    "I have added {topic} to my development plan and will revisit it in supervision.",
    "This will help me meet the standard on keeping my practice up to date.",
    "I have started to use strengths-based questions at the start of every assessment.",
    "I now check that the person's own words appear in my reports and plans.",
    "I have set up a reminder to review chronologies before each core group meeting.",
    "I feel better able to explain my role and my duties to families in plain language.",
    "The team has started a monthly practice forum so that learning is shared more widely.",
    "I am more careful about information sharing and the consent I record.",
    "I will measure the impact by asking for feedback from the people I work with.",
)

PEER_REFLECTION: tuple[str, ...] = (
    "I talked it over with {peer}, a {role}, who helped me link it to a current case.",
    "{peer} asked me what I would do differently, which made me name a specific change.",
    "We talked about how {topic} plays out in our own team and where we fall short.",
    "{peer} shared an example from their own practice that showed the same pattern.",
    "Our conversation helped me see that my worry about {who} was reasonable and worth raising.",
    "{peer} challenged me to think about the evidence behind my view, not just my instinct.",
    "We agreed to look at each other's recording to see whether the learning shows in it.",
    "The discussion gave me a chance to reflect on my feelings about a difficult visit.",
    "{peer} pointed out the strengths I had missed in my assessment of {who}.",
    "We considered how the learning relates to the professional standards and to our values.",
    "As a {role}, {peer} brought a different perspective on risk and on partnership working.",
    "Talking it through helped me turn general learning into a plan I can act on.",
)
