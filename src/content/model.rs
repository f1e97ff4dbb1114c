//! The curriculum model that a module file parses into.

/// A run of text with inline markup.
pub type RichText = Vec<Inline>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Emphasis(RichText),
    Strong(RichText),
    Code(String),
    /// Only `https:`, `http:`, `mailto:` and in-page `#` targets survive parsing.
    Link {
        href: String,
        text: RichText,
    },
}

/// Plain text of rich text, without markup: for titles, labels and ARIA text.
pub fn plain_text(text: &[Inline]) -> String {
    let mut out = String::new();
    for inline in text {
        match inline {
            Inline::Text(s) | Inline::Code(s) => out.push_str(s),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Link { text: inner, .. } => {
                out.push_str(&plain_text(inner))
            }
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub objectives: Vec<String>,
    pub sources: Vec<RichText>,
    pub sections: Vec<Section>,
}

impl Module {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    /// Every block of the module in reading order, speaker notes excluded.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.sections
            .iter()
            .flat_map(|s| s.slides.iter())
            .flat_map(|slide| slide.blocks.iter())
    }

    /// Every slide in presentation order, numbered from 1.
    pub fn slides(&self) -> Vec<SlideRef<'_>> {
        let mut number = 0;
        self.sections
            .iter()
            .flat_map(|section| {
                section
                    .slides
                    .iter()
                    .enumerate()
                    .map(move |(index, slide)| (section, index, slide))
            })
            .map(|(section, index, slide)| {
                number += 1;
                SlideRef {
                    number,
                    section,
                    index,
                    slide,
                }
            })
            .collect()
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.blocks().filter_map(|b| match b {
            Block::Question(q) => Some(q),
            _ => None,
        })
    }
}

/// A page of the learning view; a `##` heading in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    /// Line of the `##` heading in the module file.
    pub line: usize,
    pub title: String,
    pub slides: Vec<Slide>,
}

impl Section {
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.slides.iter().flat_map(|slide| slide.blocks.iter())
    }
}

/// A slide with the section it belongs to, for the presentation view.
#[derive(Clone, Copy, Debug)]
pub struct SlideRef<'a> {
    /// Position in the whole module, from 1.
    pub number: usize,
    pub section: &'a Section,
    /// Position within its section, from 0 (0 opens the section).
    pub index: usize,
    pub slide: &'a Slide,
}

/// One screen of the presentation view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slide {
    /// Line where the slide starts (its section heading or `---`).
    pub line: usize,
    pub blocks: Vec<Block>,
    pub notes: Option<Notes>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notes {
    pub minutes: Option<u32>,
    pub body: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(RichText),
    Paragraph(RichText),
    List { ordered: bool, items: Vec<RichText> },
    Quote(Vec<RichText>),
    Callout(Callout),
    Question(Question),
    Likert(Likert),
    Vignette(Vignette),
    Reflection(Reflection),
    Term(Term),
    Contact(Contact),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Tip,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Callout {
    pub tone: Tone,
    pub title: Option<String>,
    pub body: Vec<Block>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    Single,
    Multiple,
    TrueFalse,
}

impl QuestionKind {
    /// Whether the learner picks several options (check boxes) or one (radio buttons).
    pub fn allows_several(self) -> bool {
        matches!(self, QuestionKind::Multiple)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    /// Line of the block's opening `:::`.
    pub line: usize,
    pub kind: QuestionKind,
    pub prompt: Vec<Block>,
    pub options: Vec<QuestionOption>,
}

impl Question {
    /// Positions of the correct options, ascending.
    pub fn correct_options(&self) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&i| self.options[i].correct)
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionOption {
    pub text: RichText,
    pub correct: bool,
    pub explanation: RichText,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Likert {
    pub id: String,
    /// Line of the block's opening `:::`.
    pub line: usize,
    pub intro: Vec<Block>,
    /// Answer labels from lowest (value 1) to highest.
    pub scale: Vec<String>,
    pub subscales: Vec<Subscale>,
    pub statements: Vec<Statement>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscale {
    pub key: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// `<likert id>.<position from 1>`
    pub id: String,
    pub subscale: String,
    pub reverse: bool,
    pub text: RichText,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vignette {
    pub id: String,
    /// Line of the block's opening `:::`.
    pub line: usize,
    pub title: String,
    pub intro: Vec<Block>,
    pub steps: Vec<Step>,
}

impl Vignette {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The step a choice leads to: its `goto`, else the next step in order,
    /// else `None` (the case ends).
    pub fn next_step(&self, from: &str, choice: usize) -> Option<&Step> {
        let index = self.steps.iter().position(|s| s.id == from)?;
        let chosen = self.steps[index].choices.get(choice)?;
        match &chosen.goto {
            Some(target) => self.step(target),
            None => self.steps.get(index + 1),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub id: String,
    pub body: Vec<Block>,
    pub choices: Vec<Choice>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceQuality {
    Recommended,
    Partial,
    NotRecommended,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub text: RichText,
    pub quality: ChoiceQuality,
    pub feedback: RichText,
    pub goto: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reflection {
    pub id: String,
    /// Line of the block's opening `:::`.
    pub line: usize,
    pub prompt: Vec<Block>,
}

/// A glossary entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub id: String,
    pub line: usize,
    pub title: String,
    pub body: Vec<Block>,
}

/// A service or offer, e.g. a local counselling centre an organisation adds
/// to its help page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub title: String,
    pub region: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Only `https://` or `http://` addresses.
    pub url: Option<String>,
    pub body: Vec<Block>,
}
