//! A self-assessment profile: an SVG bar chart for the eye, a table for
//! screen readers, and a plain-language reading of each subscale.

use leptos::prelude::*;

use crate::assess::{Band, SubscaleScore};

// Drawn narrow and shown at most 28rem wide, so labels stay readable from a
// 320 px phone (about 12 px) to a desktop (about 18 px).
const WIDTH: f64 = 360.0;
const ROW: f64 = 54.0;
const BAR: f64 = 14.0;

fn x_of(mean: f64, points: usize) -> f64 {
    (mean - 1.0) / (points as f64 - 1.0) * WIDTH
}

/// SVG text does not wrap: long labels are shortened in the chart; the
/// table and the readings carry them in full.
fn short_label(label: &str) -> String {
    const MAX: usize = 40;
    if label.chars().count() <= MAX {
        return label.to_owned();
    }
    let cut: String = label.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// "3.4", German "3,4".
fn one_decimal(x: f64) -> String {
    crate::ui::l10n::decimal(x, 1)
}

/// Encouraging, never judging: what a subscale's position may mean.
pub fn reading(score: &SubscaleScore) -> Option<String> {
    let mean = one_decimal(score.mean?);
    let of = score.points;
    let label = &score.label;
    Some(match score.band()? {
        Band::Low => tr!(profile_low, label = label, mean = mean, of = of),
        Band::Middle => tr!(profile_middle, label = label, mean = mean, of = of),
        Band::High => tr!(profile_high, label = label, mean = mean, of = of),
    })
}

/// The profile of one attempt, or two attempts side by side (`before`).
#[component]
pub fn ProfileChart(
    /// The subscale scores to show (the "after" ones when comparing).
    scores: Vec<SubscaleScore>,
    /// Earlier scores of the same scale, drawn as a second, lighter bar.
    #[prop(optional)]
    before: Option<Vec<SubscaleScore>>,
    /// Shown above the chart and used as the table caption.
    #[prop(into)]
    title: String,
) -> impl IntoView {
    let points = scores.first().map_or(5, |s| s.points);
    let height = ROW * scores.len() as f64 + 24.0;
    let ticks: Vec<usize> = (1..=points).collect();
    let earlier = |key: &str| {
        before
            .as_ref()
            .and_then(|b| b.iter().find(|s| s.key == key))
            .and_then(|s| s.mean)
    };
    let rows = scores
        .iter()
        .enumerate()
        .map(|(i, score)| {
            let top = ROW * i as f64;
            let before_bar = earlier(&score.key).map(|mean| {
                view! { <rect class="profile__bar profile__bar--before" x="0" y=top + 22.0 width=x_of(mean, points).max(2.0) height=BAR / 2.0 rx="2"></rect> }
            });
            let bar_y = top + if before.is_some() { 32.0 } else { 24.0 };
            let bar = score.mean.map(|mean| {
                view! {
                    <rect class="profile__bar" x="0" y=bar_y width=x_of(mean, points).max(2.0) height=BAR rx="3"></rect>
                    <text class="profile__value" x=(x_of(mean, points) + 5.0).min(WIDTH - 24.0) y=bar_y + 13.0>{one_decimal(mean)}</text>
                }
            });
            view! {
                <text class="profile__label" x="0" y=top + 14.0>{short_label(&score.label)}</text>
                {before_bar}
                {bar}
            }
        })
        .collect_view();
    let table_rows = scores
        .iter()
        .map(|s| {
            let now = s
                .mean
                .map_or_else(|| tr!(profile_not_answered), one_decimal);
            let then = earlier(&s.key).map_or_else(|| "–".to_owned(), one_decimal);
            view! {
                <tr>
                    <th scope="row">{s.label.clone()}</th>
                    {before.is_some().then(|| view! { <td>{then}</td> })}
                    <td>{now}</td>
                    <td>{tr!(profile_answered_of, answered = s.answered, total = s.total)}</td>
                </tr>
            }
        })
        .collect_view();
    let readings: Vec<String> = scores.iter().filter_map(reading).collect();
    let comparing = before.is_some();
    // Chromium does not name a figure by its caption: say so explicitly.
    static FIGURES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let caption_id = format!(
        "profile-title-{}",
        FIGURES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let labelled_by = caption_id.clone();
    view! {
        <figure class="profile" data-test="profile" aria-labelledby=labelled_by>
            <figcaption class="profile__title" id=caption_id>{title.clone()}</figcaption>
            <svg class="profile__chart" viewBox=format!("-4 0 {} {height}", WIDTH + 8.0) aria-hidden="true" focusable="false">
                {ticks.iter().map(|&t| {
                    let x = x_of(t as f64, points);
                    view! {
                        <line class="profile__tick" x1=x x2=x y1="0" y2=height - 18.0></line>
                        <text class="profile__axis" x=x y=height - 4.0 text-anchor="middle">{t}</text>
                    }
                }).collect_view()}
                {rows}
            </svg>
            {comparing.then(|| view! {
                <p class="profile__legend" aria-hidden="true">
                    <span class="profile__key profile__key--before"></span>" "{tr!(profile_legend_before)}" "
                    <span class="profile__key"></span>" "{tr!(profile_legend_after)}
                </p>
            })}
            // A table ignores the 1px width of .visually-hidden: the wrapper hides it.
            <div class="visually-hidden">
            <table>
                <caption>{tr!(profile_caption, title = title, points = points)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(profile_subscale)}</th>
                        {comparing.then(|| view! { <th scope="col">{tr!(profile_before)}</th> })}
                        <th scope="col">{if comparing { tr!(profile_after) } else { tr!(profile_mean) }}</th>
                        <th scope="col">{tr!(profile_statements_answered)}</th>
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
            </div>
            {(!comparing && !readings.is_empty()).then(|| view! {
                <ul class="profile__readings">{readings.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            })}
        </figure>
    }
}
