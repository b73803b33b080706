//! The `Analysis` value: everything the reader shows and the CLI prints.
//! Its JSON form is the `dramatis/1` contract of DESIGN.md. Offsets (`start`,
//! `end`) count Unicode scalar values, end exclusive; byte offsets are kept
//! alongside (not serialised) for slicing the text in Rust.

use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "dramatis/1";

/// OntoNotes-style entity labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[allow(clippy::upper_case_acronyms, non_camel_case_types)]
pub enum Label {
    PERSON,
    NORP,
    ORG,
    GPE,
    LOC,
    FAC,
    EVENT,
    PRODUCT,
    WORK_OF_ART,
    LAW,
}

impl Label {
    pub const ALL: [Label; 10] = [
        Label::PERSON,
        Label::NORP,
        Label::ORG,
        Label::GPE,
        Label::LOC,
        Label::FAC,
        Label::EVENT,
        Label::PRODUCT,
        Label::WORK_OF_ART,
        Label::LAW,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::PERSON => "PERSON",
            Label::NORP => "NORP",
            Label::ORG => "ORG",
            Label::GPE => "GPE",
            Label::LOC => "LOC",
            Label::FAC => "FAC",
            Label::EVENT => "EVENT",
            Label::PRODUCT => "PRODUCT",
            Label::WORK_OF_ART => "WORK_OF_ART",
            Label::LAW => "LAW",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.iter().copied().find(|l| l.as_str() == s)
    }

    /// A short human description, for legends and cards.
    pub fn describe(self) -> &'static str {
        match self {
            Label::PERSON => "Person",
            Label::NORP => "Nationality or group",
            Label::ORG => "Organisation",
            Label::GPE => "Country, city or state",
            Label::LOC => "Place",
            Label::FAC => "Facility",
            Label::EVENT => "Event",
            Label::PRODUCT => "Product",
            Label::WORK_OF_ART => "Work",
            Label::LAW => "Law",
        }
    }
}

/// What sort of actor an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    State,
    Organisation,
    Group,
    Place,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::State => "state",
            Kind::Organisation => "organisation",
            Kind::Group => "group",
            Kind::Place => "place",
        }
    }
}

/// A structural block of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Title,
    Paragraph,
    Quote,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: Label,
    pub actor: String,
    pub confidence: f32,
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
}

/// A knowledge-base entry linked to an actor.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct KbRef {
    pub id: String,
    /// ISO 3166-1 alpha-2 of the state (or the state served / home country).
    pub country: Option<String>,
    /// Office held on the article's date.
    pub office: Option<String>,
    pub description: Option<String>,
    /// CAMEO-style sector code: GOV, MIL, MED, IGO, ...
    pub sector: Option<String>,
    pub wikidata: Option<String>,
    /// When the office held on the article's date began and (if it has) ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_end: Option<String>,
    /// For news outlets: "state-owned", "public broadcaster" or "privately owned".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership: Option<String>,
    /// Offices taken up after the article's date ("President of Russia from 2012-05-07").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub later: Vec<String>,
}

/// Where the article's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Given by the caller (`--date`, or set by the reader).
    Given,
    /// Stated in the text.
    Text,
    /// Nothing known: today's date.
    #[default]
    Today,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub label: Label,
    /// Indices into `Analysis::mentions`.
    pub mentions: Vec<usize>,
    pub roles: Vec<String>,
    /// Actor id of the state or organisation this actor belongs to.
    pub affiliation: Option<String>,
    pub kb: Option<KbRef>,
    pub quotes: Vec<Quote>,
    /// Flag emoji for states (and people/outlets of a state), for display.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub flag: Option<String>,
    /// 0..1, how central this actor is to the article.
    #[serde(default)]
    pub salience: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub source: String,
    pub target: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub class: String,
    pub start: usize,
    pub end: usize,
    pub negated: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub schema: String,
    pub text: String,
    pub date: String,
    #[serde(default)]
    pub date_source: DateSource,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub blocks: Vec<Block>,
    pub mentions: Vec<Mention>,
    pub actors: Vec<Actor>,
    pub relations: Vec<Relation>,
}

impl Analysis {
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }
}
