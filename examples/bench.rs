//! Native microbenchmarks, printed as `name<TAB>value<TAB>unit` lines
//! (medians). Run by scripts/bench.sh: `cargo run --release --example bench`.

use std::path::Path;
use std::time::Instant;

use mtd_learn::assess::grade;
use mtd_learn::content::*;
use mtd_learn::progress::*;

/// Median wall time of `runs` calls, in microseconds.
fn median_us(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn main() {
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content");
    let course = parse_course(&std::fs::read_to_string(pack.join(COURSE_FILE)).unwrap())
        .unwrap()
        .value;
    let files: Vec<(String, String)> = course
        .modules
        .iter()
        .flat_map(|m| {
            m.languages
                .iter()
                .map(move |l| Course::module_path(l, &m.id))
        })
        .map(|path| {
            let text = std::fs::read_to_string(pack.join(&path)).unwrap();
            (path, text)
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    println!("# native microbenchmarks (medians)");
    println!("pack_files\t{}\tcount", files.len());
    println!("pack_bytes\t{bytes}\tbytes");
    println!(
        "parse_all_modules\t{:.0}\tus",
        median_us(21, || {
            for (path, text) in &files {
                std::hint::black_box(parse_module(path, text));
            }
        })
    );

    let modules: Vec<Module> = files
        .iter()
        .map(|(p, t)| parse_module(p, t).value)
        .collect();
    let questions: Vec<&Question> = modules.iter().flat_map(|m| m.questions()).collect();
    println!("questions\t{}\tcount", questions.len());
    println!(
        "grade_all_questions\t{:.1}\tus",
        median_us(101, || {
            for q in &questions {
                std::hint::black_box(grade(q, &[0, 1]));
            }
        })
    );

    let a = synthetic_state(10_000, "device-a", 1);
    let b = synthetic_state(10_000, "device-b", 5);
    println!(
        "merge_10k_records\t{:.0}\tus",
        median_us(21, || {
            std::hint::black_box(a.clone().merge(b.clone()));
        })
    );
    let v1 = as_schema_1(&a, "device-a");
    println!(
        "envelope_10k_bytes\t{}\tbytes",
        encode(&a, "device-a", 0).len()
    );
    println!(
        "decode_migrate_10k_records\t{:.0}\tus",
        median_us(21, || {
            std::hint::black_box(decode(&v1));
        })
    );

    // A learner who did everything: every answer, visit and reflection of
    // every module in one language, with reflections of 300 characters.
    let mut full = ProgressState::default();
    let mut at = 1_795_356_000_000;
    for module in modules.iter().take(course.modules.len()) {
        for section in &module.sections {
            full.visit(&module.id, &section.id, at, "9f3c2a7b01d4e8c6");
            at += 1000;
        }
        for block in module.blocks() {
            match block {
                Block::Question(q) => full.set_answer(
                    &module.id,
                    &q.id,
                    Answer::Choice {
                        selected: vec![0],
                        checked: true,
                        attempt: 0,
                    },
                    at,
                    "9f3c2a7b01d4e8c6",
                ),
                Block::Likert(l) => {
                    for s in &l.statements {
                        full.set_answer(
                            &module.id,
                            &s.id,
                            Answer::Likert { value: 3 },
                            at,
                            "9f3c2a7b01d4e8c6",
                        );
                    }
                }
                Block::Vignette(v) => {
                    let path = v
                        .steps
                        .iter()
                        .filter(|s| !s.choices.is_empty())
                        .map(|s| (s.id.clone(), 0))
                        .collect();
                    full.set_answer(
                        &module.id,
                        &v.id,
                        Answer::Vignette { path },
                        at,
                        "9f3c2a7b01d4e8c6",
                    );
                }
                Block::Reflection(r) => {
                    full.set_reflection(&module.id, &r.id, "x".repeat(300), at, "9f3c2a7b01d4e8c6")
                }
                _ => {}
            }
            at += 1000;
        }
    }
    println!("full_learner_records\t{}\tcount", full.record_count());
    println!(
        "full_learner_stored\t{}\tbytes",
        encode(&full, "9f3c2a7b01d4e8c6", at).len()
    );
}
