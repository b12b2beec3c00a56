use super::*;

fn text(t: &str) -> Inline {
    Inline::Text(t.into())
}

#[test]
fn loose_text_becomes_a_paragraph() {
    let mut b = Builder::new();
    b.text("  hello ");
    b.open(Open::Quote);
    b.text("quoted");
    b.close();
    b.text("tail");
    let doc = b.finish();
    assert_eq!(
        doc,
        [
            Block::Paragraph(vec![text("hello")]),
            Block::Quote(vec![Block::Paragraph(vec![text("quoted")])]),
            Block::Paragraph(vec![text("tail")]),
        ]
    );
}

#[test]
fn blank_paragraphs_are_dropped_and_nbsp_trimmed() {
    let mut b = Builder::new();
    b.open(Open::Paragraph);
    b.text("\u{a0} \u{3000}");
    b.close();
    b.open(Open::Paragraph);
    b.text("\u{a0}\u{a0}正文\u{a0}");
    b.close();
    assert_eq!(b.finish(), [Block::Paragraph(vec![text("正文")])]);
}

#[test]
fn blocks_inside_cells_become_breaks() {
    let mut b = Builder::new();
    b.open(Open::Table(vec![]));
    b.open(Open::Row { header: false });
    for content in ["a", "b"] {
        b.open(Open::Cell);
        b.open(Open::Paragraph);
        b.text(content);
        b.close();
        b.open(Open::Paragraph);
        b.text("2");
        b.close();
        b.close();
    }
    b.close();
    b.close();
    let doc = b.finish();
    let Block::Table(table) = &doc[0] else {
        panic!("{doc:?}")
    };
    assert_eq!(
        table.rows[0].cells[0],
        [text("a"), Inline::HardBreak, text("2")]
    );
}

#[test]
fn one_column_tables_unwrap_into_paragraphs() {
    let mut b = Builder::new();
    b.open(Open::Table(vec![]));
    for content in ["图", "说明"] {
        b.open(Open::Row { header: false });
        b.open(Open::Cell);
        b.text(content);
        b.close();
        b.close();
    }
    b.close();
    assert_eq!(
        b.finish(),
        [
            Block::Paragraph(vec![text("图")]),
            Block::Paragraph(vec![text("说明")])
        ]
    );
}

#[test]
fn deep_nesting_is_flattened() {
    let mut b = Builder::new();
    for _ in 0..200 {
        b.open(Open::List { start: None });
        b.open(Open::Item);
        b.text("x");
    }
    for _ in 0..200 {
        b.close();
        b.close();
    }
    let doc = b.finish();
    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::List { items, .. } => 1 + items.iter().map(|i| depth(i)).max().unwrap_or(0),
                Block::Quote(c) => 1 + depth(c),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    assert!(depth(&doc) <= MAX_BLOCK_DEPTH);
}

#[test]
fn styles_split_across_a_block_still_pair() {
    let mut b = Builder::new();
    b.open_inline(InlineOpen::Style(Emphasis::Strong));
    b.text("a");
    b.boundary();
    b.text("b");
    b.close_inline();
    b.text("c");
    assert_eq!(
        b.finish(),
        [
            Block::Paragraph(vec![Inline::Styled(Emphasis::Strong, vec![text("a")])]),
            Block::Paragraph(vec![
                Inline::Styled(Emphasis::Strong, vec![text("b")]),
                text("c")
            ]),
        ]
    );
}

#[test]
fn escape_sequences_from_entities_are_removed() {
    let mut b = Builder::new();
    b.text("a\u{1b}[31mred\u{1b}]0;title\u{7}b");
    assert_eq!(b.finish(), [Block::Paragraph(vec![text("aredb")])]);
}
