//! A plain document laid out as an A4 PDF: a title, a table of facts, a warning, sections of
//! subheadings, paragraphs and list items, a footer with the page number on every page.
//!
//! The text is set in the PDF base fonts (Helvetica), so nothing is embedded or downloaded;
//! their encoding (WinAnsi) holds every letter Dutch uses. A character outside it (a Greek
//! letter, an emoji) prints as `?`. Lines are broken between words by the fonts' metrics; a word
//! wider than the column is broken where it must be. Each section is a bookmark.

use std::io::{self, Read, Seek, SeekFrom};

use pdf_canvas::graphicsstate::Color;
use pdf_canvas::{BuiltinFont, FontSource, Pdf};

/// What to print.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The first line, large and bold; also the PDF's title.
    pub title: String,
    /// The line under it.
    pub subtitle: String,
    /// Label and value pairs printed as a table under the title.
    pub facts: Vec<(String, String)>,
    /// A boxed-off remark before the sections (e.g. "illustrative, not official").
    pub warning: Option<String>,
    /// The body.
    pub sections: Vec<Section>,
    /// Printed at the foot of every page, left of "pagina n van m".
    pub footer: String,
}

/// A headed part of the body.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Its heading, also its bookmark.
    pub heading: String,
    /// What it says, in order.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A bold line that heads the blocks after it.
    Subheading(String),
    /// Running text.
    Paragraph(String),
    /// A bulleted item.
    Item(String),
    /// Small grey text: a source, a remark.
    Note(String),
}

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TOP: f32 = PAGE_HEIGHT - MARGIN;
/// Where text stops; the footer sits below it.
const BOTTOM: f32 = MARGIN + 14.0;
const COLUMN: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Where a fact's value starts.
const FACT_VALUE_AT: f32 = 150.0;
const REGULAR: BuiltinFont = BuiltinFont::Helvetica;
const BOLD: BuiltinFont = BuiltinFont::Helvetica_Bold;

/// One line of text at its place on a page.
#[derive(Debug, Clone)]
struct Run {
    x: f32,
    y: f32,
    font: BuiltinFont,
    size: f32,
    grey: bool,
    text: String,
}

/// The pages as they fill, and where the next line goes.
struct Layout {
    pages: Vec<Page>,
    y: f32,
}

#[derive(Default)]
struct Page {
    runs: Vec<Run>,
    /// Section headings that start on this page, for the bookmarks.
    bookmarks: Vec<String>,
    /// The warning's box: its top and bottom.
    boxed: Option<(f32, f32)>,
}

/// How a paragraph is set.
#[derive(Clone, Copy)]
struct Style {
    font: BuiltinFont,
    size: f32,
    grey: bool,
    /// Space before the first line.
    before: f32,
}

impl Style {
    fn leading(self) -> f32 {
        self.size * 1.35
    }
}

const BODY: Style = Style {
    font: REGULAR,
    size: 10.0,
    grey: false,
    before: 4.0,
};

impl Layout {
    fn new() -> Self {
        Self {
            pages: vec![Page::default()],
            y: TOP,
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a layout has a page")
    }

    /// Starts a new page unless `height` still fits on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.pages.push(Page::default());
            self.y = TOP;
        }
    }

    /// Sets `text` in `style` from `x`, `width` wide; `keep` more lines must fit after its first.
    fn text(&mut self, text: &str, style: Style, x: f32, width: f32, keep: f32) {
        let lines = wrap(text, style.font, style.size, width);
        self.room(style.before + style.leading() * (1.0 + keep));
        self.y -= style.before;
        for line in lines {
            self.room(style.leading());
            self.y -= style.leading();
            let y = self.y + style.leading() - style.size;
            self.page().runs.push(Run {
                x,
                y,
                font: style.font,
                size: style.size,
                grey: style.grey,
                text: line,
            });
        }
    }

    fn bullet(&mut self, text: &str, x: f32) {
        let (page, run) = (self.pages.len() - 1, self.page().runs.len());
        self.text(text, BODY, x + 12.0, COLUMN - (x - MARGIN) - 12.0, 0.0);
        // The bullet stands on the item's first line, on whichever page that landed.
        let (page, run) = if run < self.pages[page].runs.len() {
            (page, run)
        } else {
            (page + 1, 0)
        };
        let y = self.pages[page].runs[run].y;
        self.pages[page].runs.push(Run {
            x,
            y,
            font: REGULAR,
            size: BODY.size,
            grey: false,
            text: "•".into(),
        });
    }
}

/// Breaks `text` into lines no wider than `width` at `size` in `font`: between words, and inside
/// a word only when the word alone is wider. Line breaks in `text` are kept.
fn wrap(text: &str, font: BuiltinFont, size: f32, width: f32) -> Vec<String> {
    let fits = |s: &str| font.get_width(size, s) <= width;
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the column is broken by characters.
            for ch in word.chars() {
                line.push(ch);
                if !fits(&line) {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(ch);
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Lays `document` out and writes it as PDF.
pub fn render(document: &Document) -> io::Result<Vec<u8>> {
    let layout = lay_out(document);
    let mut file = tempfile::tempfile()?;
    let mut pdf = Pdf::new(file.try_clone()?)?;
    pdf.set_title(&document.title);
    pdf.set_creator("FGR Register");
    pdf.set_producer("fgr-print (pdf-canvas)");
    let total = layout.pages.len();
    for (n, page) in layout.pages.iter().enumerate() {
        pdf.render_page(PAGE_WIDTH, PAGE_HEIGHT, |canvas| {
            if let Some((top, bottom)) = page.boxed {
                canvas.set_stroke_color(Color::rgb(0xc0, 0x6b, 0x00))?;
                canvas.set_line_width(1.0)?;
                canvas.rectangle(
                    MARGIN - 6.0,
                    bottom - 4.0,
                    COLUMN + 12.0,
                    top - bottom + 6.0,
                )?;
                canvas.stroke()?;
            }
            for run in &page.runs {
                let font = canvas.get_font(run.font);
                canvas.text(|t| {
                    t.set_fill_color(if run.grey {
                        Color::gray(0x55)
                    } else {
                        Color::gray(0)
                    })?;
                    t.set_font(&font, run.size)?;
                    t.pos(run.x, run.y)?;
                    t.show(&run.text)
                })?;
            }
            let footer = canvas.get_font(REGULAR);
            canvas.text(|t| {
                t.set_fill_color(Color::gray(0x55))?;
                t.set_font(&footer, 8.0)?;
                t.pos(MARGIN, MARGIN - 10.0)?;
                t.show(&document.footer)
            })?;
            canvas.right_text(
                PAGE_WIDTH - MARGIN,
                MARGIN - 10.0,
                REGULAR,
                8.0,
                &format!("pagina {} van {total}", n + 1),
            )?;
            for heading in &page.bookmarks {
                canvas.add_outline(heading);
            }
            Ok(())
        })?;
    }
    pdf.finish()?;
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn lay_out(document: &Document) -> Layout {
    let mut layout = Layout::new();
    let title = Style {
        font: BOLD,
        size: 18.0,
        grey: false,
        before: 0.0,
    };
    layout.text(&document.title, title, MARGIN, COLUMN, 0.0);
    let subtitle = Style {
        size: 12.0,
        before: 2.0,
        ..BODY
    };
    layout.text(&document.subtitle, subtitle, MARGIN, COLUMN, 0.0);
    layout.y -= 8.0;
    for (label, value) in &document.facts {
        let top = layout.y;
        layout.text(
            label,
            Style { font: BOLD, ..BODY },
            MARGIN,
            FACT_VALUE_AT - 8.0,
            0.0,
        );
        let after_label = (layout.pages.len(), layout.y);
        layout.y = top;
        let width = COLUMN - (FACT_VALUE_AT - MARGIN);
        layout.text(value, BODY, FACT_VALUE_AT, width, 0.0);
        // The row ends below the lower of the two.
        if layout.pages.len() == after_label.0 && layout.y > after_label.1 {
            layout.y = after_label.1;
        }
    }
    if let Some(warning) = &document.warning {
        layout.y -= 12.0;
        let pages = layout.pages.len();
        let top = layout.y;
        layout.text(warning, Style { font: BOLD, ..BODY }, MARGIN, COLUMN, 0.0);
        if layout.pages.len() == pages {
            let bottom = layout.y;
            layout.page().boxed = Some((top, bottom));
        }
    }
    for section in &document.sections {
        let heading = Style {
            font: BOLD,
            size: 13.0,
            grey: false,
            before: 16.0,
        };
        layout.text(&section.heading, heading, MARGIN, COLUMN, 2.0);
        let heading = section.heading.clone();
        layout.page().bookmarks.push(heading);
        for block in &section.blocks {
            match block {
                Block::Subheading(text) => {
                    let style = Style {
                        font: BOLD,
                        before: 8.0,
                        ..BODY
                    };
                    layout.text(text, style, MARGIN, COLUMN, 1.0);
                }
                Block::Paragraph(text) => layout.text(text, BODY, MARGIN, COLUMN, 0.0),
                Block::Item(text) => layout.bullet(text, MARGIN + 6.0),
                Block::Note(text) => {
                    let style = Style {
                        size: 8.5,
                        grey: true,
                        ..BODY
                    };
                    layout.text(text, style, MARGIN, COLUMN, 0.0);
                }
            }
        }
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_document(items: usize) -> Document {
        Document {
            title: "Manager".into(),
            subtitle: "Functietypering schaal 13".into(),
            facts: vec![("Functiefamilie".into(), "Lijnmanagement".into())],
            warning: Some("Illustratief".into()),
            sections: vec![Section {
                heading: "Resultaten".into(),
                blocks: (0..items)
                    .map(|i| Block::Item(format!("Resultaat {i}: zorgt voor een veilige werkomgeving, vrij van discriminatie en racisme.")))
                    .collect(),
            }],
            footer: "FGR Register".into(),
        }
    }

    #[test]
    fn lines_never_run_past_the_column_and_keep_every_word() {
        let text = "Draagt zorg voor een sociaal veilige werkomgeving voor alle medewerkers, \
                    en spreekt medewerkers aan op ongewenst gedrag; Rijksoverheidsbrede \
                    verantwoordelijkheidstoedelingsovereenkomstbepalingen";
        let lines = wrap(text, REGULAR, 10.0, 120.0);
        assert!(lines.len() > 3, "{lines:?}");
        for line in &lines {
            assert!(REGULAR.get_width(10.0, line) <= 120.0, "{line}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn a_long_document_flows_onto_numbered_pages_within_the_margins() {
        let layout = lay_out(&long_document(120));
        assert!(layout.pages.len() >= 3, "{} pages", layout.pages.len());
        for page in &layout.pages {
            for run in &page.runs {
                assert!(run.y >= BOTTOM - 1.0 && run.y <= TOP, "{run:?}");
                let right = run.x + run.font.get_width(run.size, &run.text);
                assert!(right <= PAGE_WIDTH - MARGIN + 0.5, "{run:?}");
            }
        }
        let items = layout
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .filter(|r| r.text == "•")
            .count();
        assert_eq!(items, 120, "every item has its bullet");
        let pdf = render(&long_document(120)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains(&format!("(pagina 1 van {}) Tj", layout.pages.len())));
        assert!(text.trim_end().ends_with("%%EOF"));
    }
}
