//! A field's length limit, said in its label, as the API serves it (`vocabulary.limits`).

use leptos::prelude::*;

/// " · ten hoogste 10.000 tekens", after a field's label text.
#[component]
pub fn Limit(
    /// The most characters the field takes.
    max: i64,
    /// The limit holds for each line of a field that takes a line per item.
    #[prop(optional)]
    per_line: bool,
) -> impl IntoView {
    let unit = if per_line {
        " tekens per regel"
    } else {
        " tekens"
    };
    view! { <span class="limit">{format!(" · ten hoogste {}{unit}", thousands(max))}</span> }
}

/// 10000 → "10.000", as Dutch readers group digits.
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_are_grouped_the_dutch_way() {
        assert_eq!(super::thousands(300), "300");
        assert_eq!(super::thousands(4000), "4.000");
        assert_eq!(super::thousands(10_000), "10.000");
        assert_eq!(super::thousands(1_234_567), "1.234.567");
    }
}
