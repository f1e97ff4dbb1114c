//! Writes a reveal.js deck of one module's slides as a single HTML page, the
//! peer that scripts/bench.sh measures the app against with Lighthouse.
//!
//!     cargo run --release --example deck_html -- public/content/en/family-dynamics.md > deck/index.html
//!
//! The module is parsed with the app's own parser, so the deck has exactly
//! the app's slides (`Module::slides()`): one `<section>` per slide, the
//! text of every block, no speaker notes. Interactive blocks become their
//! projector form (the question and its options, the statements of a
//! self-assessment, a case's introduction and first step, a reflection
//! prompt), as in the app's presentation view.
//!
//! The page expects reveal.js's `dist/` folder at `reveal/` beside it and
//! starts reveal.js from `deck.js` beside it (`Reveal.initialize(...)`); an
//! external script, because the benchmark serves the deck with the app's
//! Content-Security-Policy, which forbids inline scripts. Each slide opening
//! a section has the section id as its `id`, so `index.html#/rules` opens
//! the slide of the app's `/m/<module>/rules`. The benchmark writes this
//! page into a temporary folder at run time; it is never committed.

use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

use mtd_learn::content::*;

fn main() -> ExitCode {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: deck_html MODULE_FILE  (e.g. public/content/en/family-dynamics.md)");
        return ExitCode::FAILURE;
    };
    let path = Path::new(&file);
    let Ok(source) = std::fs::read_to_string(path) else {
        eprintln!("{file}: cannot read");
        return ExitCode::FAILURE;
    };
    // public/content/<lang>/<id>.md
    let lang = name(path.parent().and_then(Path::file_name));
    let id = name(path.file_stem());
    let parsed = parse_module(&Course::module_path(lang, id), &source);
    for problem in &parsed.problems {
        eprintln!("{problem}");
    }
    print!("{}", deck_page(&parsed.value, lang));
    ExitCode::SUCCESS
}

fn name(part: Option<&std::ffi::OsStr>) -> &str {
    part.and_then(|s| s.to_str()).unwrap_or("?")
}

fn deck_page(module: &Module, lang: &str) -> String {
    let mut slides = String::new();
    for slide in module.slides() {
        let id = if slide.index == 0 {
            format!(" id=\"{}\"", esc(&slide.section.id))
        } else {
            String::new()
        };
        let _ = write!(slides, "\n<section{id}>\n");
        if slide.index == 0 {
            let _ = writeln!(slides, "<h2>{}</h2>", esc(&slide.section.title));
        } else {
            let _ = writeln!(
                slides,
                "<p class=\"kicker\">{}</p>",
                esc(&slide.section.title)
            );
        }
        blocks(&mut slides, &slide.slide.blocks);
        slides.push_str("</section>\n");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{summary}">
<title>{title}</title>
<link rel="stylesheet" href="reveal/reset.css">
<link rel="stylesheet" href="reveal/reveal.css">
<link rel="stylesheet" href="reveal/theme/white.css">
</head>
<body>
<div class="reveal">
<div class="slides">
<section>
<h1>{title}</h1>
<p>{summary}</p>
</section>
{slides}
</div>
</div>
<script src="reveal/reveal.js"></script>
<script src="deck.js"></script>
</body>
</html>
"#,
        lang = esc(lang),
        title = esc(&module.title),
        summary = esc(&module.summary),
    )
}

fn blocks(out: &mut String, blocks_: &[Block]) {
    for block in blocks_ {
        block_html(out, block);
    }
}

fn block_html(out: &mut String, block: &Block) {
    match block {
        Block::Heading(text) => {
            let _ = writeln!(out, "<h3>{}</h3>", rich(text));
        }
        Block::Paragraph(text) => {
            let _ = writeln!(out, "<p>{}</p>", rich(text));
        }
        Block::List { ordered, items } => list(out, if *ordered { "ol" } else { "ul" }, items),
        Block::Quote(paragraphs) => {
            out.push_str("<blockquote>\n");
            for p in paragraphs {
                let _ = writeln!(out, "<p>{}</p>", rich(p));
            }
            out.push_str("</blockquote>\n");
        }
        Block::Callout(c) => {
            out.push_str("<aside>\n");
            if let Some(title) = &c.title {
                let _ = writeln!(out, "<p><strong>{}</strong></p>", esc(title));
            }
            blocks(out, &c.body);
            out.push_str("</aside>\n");
        }
        Block::Question(q) => {
            blocks(out, &q.prompt);
            let options: Vec<RichText> = q.options.iter().map(|o| o.text.clone()).collect();
            list(out, "ol", &options);
        }
        Block::Likert(l) => {
            blocks(out, &l.intro);
            let statements: Vec<RichText> = l.statements.iter().map(|s| s.text.clone()).collect();
            list(out, "ul", &statements);
        }
        Block::Vignette(v) => {
            let _ = writeln!(out, "<h3>{}</h3>", esc(&v.title));
            blocks(out, &v.intro);
            if let Some(step) = v.steps.first() {
                blocks(out, &step.body);
                let choices: Vec<RichText> = step.choices.iter().map(|c| c.text.clone()).collect();
                if !choices.is_empty() {
                    list(out, "ol", &choices);
                }
            }
        }
        Block::Reflection(r) => blocks(out, &r.prompt),
        Block::Term(t) => {
            let _ = writeln!(out, "<h3>{}</h3>", esc(&t.title));
            blocks(out, &t.body);
        }
        Block::Contact(c) => {
            let _ = writeln!(out, "<h3>{}</h3>", esc(&c.title));
            blocks(out, &c.body);
        }
    }
}

fn list(out: &mut String, tag: &str, items: &[RichText]) {
    let _ = writeln!(out, "<{tag}>");
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", rich(item));
    }
    let _ = writeln!(out, "</{tag}>");
}

fn rich(text: &[Inline]) -> String {
    let mut out = String::new();
    for inline in text {
        match inline {
            Inline::Text(s) => out.push_str(&esc(s)),
            Inline::Code(s) => {
                let _ = write!(out, "<code>{}</code>", esc(s));
            }
            Inline::Emphasis(inner) => {
                let _ = write!(out, "<em>{}</em>", rich(inner));
            }
            Inline::Strong(inner) => {
                let _ = write!(out, "<strong>{}</strong>", rich(inner));
            }
            Inline::Link { href, text } => {
                let _ = write!(out, "<a href=\"{}\">{}</a>", esc(href), rich(text));
            }
        }
    }
    out
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}
