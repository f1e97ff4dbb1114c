//! The opening line of a marked block: `::: kind name=value name="a value"`.

use super::problem::Report;

pub(crate) struct Opening {
    pub kind: String,
    attributes: Vec<(String, String)>,
    line: usize,
}

impl Opening {
    /// Parses the text after `:::`. Returns `None` (and reports) when the line
    /// cannot be read at all.
    pub(crate) fn parse(rest: &str, line: usize, report: &mut Report) -> Option<Opening> {
        let mut chars = rest.trim().chars().peekable();
        let kind: String = chars.by_ref().take_while(|c| !c.is_whitespace()).collect();
        if kind.is_empty() {
            report.at(
                line,
                "a block starts with \":::\" but names no kind (e.g. \"::: question id=q1\")",
            );
            return None;
        }
        let mut attributes = Vec::new();
        loop {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            if chars.peek().is_none() {
                break;
            }
            let name: String = chars.by_ref().take_while(|&c| c != '=').collect();
            let name = name.trim().to_owned();
            if name.is_empty() || name.contains(char::is_whitespace) {
                report.at(
                    line,
                    format!("cannot read the attributes of \"{kind}\": write them as name=value"),
                );
                return None;
            }
            let value = if chars.peek() == Some(&'"') {
                chars.next();
                let value: String = chars.by_ref().take_while(|&c| c != '"').collect();
                value
            } else {
                chars.by_ref().take_while(|c| !c.is_whitespace()).collect()
            };
            attributes.push((name, value));
        }
        Some(Opening {
            kind,
            attributes,
            line,
        })
    }

    /// Takes an attribute out, so that what is left at the end is unknown.
    pub(crate) fn take(&mut self, name: &str) -> Option<String> {
        let index = self.attributes.iter().position(|(n, _)| n == name)?;
        Some(self.attributes.remove(index).1)
    }

    pub(crate) fn line(&self) -> usize {
        self.line
    }

    /// Reports every attribute nobody took.
    pub(crate) fn finish(&mut self, report: &mut Report, known: &str) {
        for (name, _) in std::mem::take(&mut self.attributes) {
            report.at(
                self.line,
                format!(
                    "\"{}\" has no attribute \"{name}\" (known: {known})",
                    self.kind
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kind_and_plain_and_quoted_values() {
        let mut report = Report::new("t.md");
        let mut o = Opening::parse(r#"vignette id=v1 title="Lena, nine""#, 3, &mut report).unwrap();
        assert_eq!(o.kind, "vignette");
        assert_eq!(o.take("id").as_deref(), Some("v1"));
        assert_eq!(o.take("title").as_deref(), Some("Lena, nine"));
        o.finish(&mut report, "id, title");
        assert!(report.problems.is_empty());
    }

    #[test]
    fn leftover_attributes_are_reported_with_the_line() {
        let mut report = Report::new("t.md");
        let mut o = Opening::parse("notes minuts=3", 7, &mut report).unwrap();
        o.finish(&mut report, "minutes");
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].line, 7);
        assert!(report.problems[0].message.contains("minuts"));
    }
}
