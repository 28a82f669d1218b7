//! The whole indicator catalogue, rendered as a table and pinned.

use party_oversight::{DegradationIndicator, IndicatorGroup, TextConfirmation};

#[test]
fn catalogue_table() {
    let mut out = String::new();
    for group in IndicatorGroup::ALL {
        out.push_str(&format!(
            "## {} {} / {}\n\n",
            group.roman(),
            group.vi(),
            group.en()
        ));
        out.push_str("| code | label (vi) | label (en) | text | official text | sources |\n|---|---|---|---|---|---|\n");
        for i in group.indicators() {
            let how = match i.confirmation() {
                TextConfirmation::TwoOrMoreSources => "official, 2+ sources",
                TextConfirmation::OneSource => "official, 1 source",
                TextConfirmation::Partial => "partial: topic only",
                TextConfirmation::NotFound => "not found: topic only",
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                i.code(),
                i.label_vi(),
                i.label_en(),
                how,
                i.official_text().unwrap_or("—"),
                i.sources()
            ));
        }
        out.push('\n');
    }
    assert_eq!(DegradationIndicator::ALL.len(), 27);
    insta::assert_snapshot!(out);
}
