use super::*;

fn md(text: &str) -> String {
    interpret(text, Syntax::Markdown).into_owned()
}

fn no_template_left(text: &str) {
    for marker in ["{%", "%}", "{{", "}}"] {
        assert!(!text.contains(marker), "{marker} left in {text:?}");
    }
}

#[test]
fn liquid_highlight_is_a_code_block() {
    let out =
        md("前文\n\n{% highlight ruby linenos %}\ndef x\n  1\nend\n{% endhighlight %}\n\n后文\n");
    assert_eq!(out, "前文\n\n````ruby\ndef x\n  1\nend\n````\n\n后文\n");
}

#[test]
fn a_highlight_in_a_list_item_stays_in_it() {
    let out = md("- item\n\n  {% highlight sh %}\n  ls\n  {% endhighlight %}\n- next\n");
    assert_eq!(out, "- item\n\n  ````sh\n  ls\n  ````\n- next\n");
}

#[test]
fn raw_keeps_its_text_and_unknown_tags_vanish_without_holes() {
    let out = md(
        "a\n{% assign x = 1 %}\n{% include note.html %}\nb {{ site.title }} c\n{% raw %}{{ keep }}{% endraw %}\n",
    );
    assert_eq!(out, "a\nb c\n{{ keep }}\n");
}

#[test]
fn links_to_templates_keep_their_text() {
    let out =
        md("见[上一篇]({% post_url 2010-07-21-name %})和[关于]({{ site.baseurl }}/about/)。\n");
    assert_eq!(
        out,
        format!("见[上一篇]({TEMPLATE_TARGET})和[关于]({TEMPLATE_TARGET})。\n")
    );
}

#[test]
fn hugo_shortcodes() {
    let out = md(concat!(
        "{{< figure src=\"/img/a.png\" caption=\"一张图\" >}}\n",
        "{{< youtube dQw4w9WgXcQ >}}\n",
        "{{< tweet user=\"jack\" id=\"20\" >}}\n",
        "{{% notice tip %}}\n提示内容\n{{% /notice %}}\n",
        "{{< details summary=\"展开 看看\" >}}\n细节\n{{< /details >}}\n",
        "{{< unknown a=1 >}}\n",
        "末尾\n",
    ));
    no_template_left(&out);
    assert_eq!(
        out,
        concat!(
            "![一张图](</img/a.png>)\n",
            "[YouTube](<https://www.youtube.com/watch?v=dQw4w9WgXcQ>)\n",
            "[Tweet](<https://twitter.com/jack/status/20>)\n",
            "提示内容\n",
            "**展开 看看**\n细节\n",
            "末尾\n",
        )
    );
}

#[test]
fn escaped_and_self_closing_shortcodes() {
    assert_eq!(
        md("    {{</* gist spf13 7896402 */>}}\n{{< figure src=\"a.png\" />}}\n"),
        "    {{< gist spf13 7896402 >}}\n![](<a.png>)\n"
    );
}

#[test]
fn zola_calls_its_shortcodes() {
    assert_eq!(
        md(
            "{{ resize_image(path=\"img/a.jpg\", width=600, op=\"fit\") }}\n{{ youtube(id=\"abc\") }}\n"
        ),
        "![](<img/a.jpg>)\n[YouTube](<https://www.youtube.com/watch?v=abc>)\n"
    );
}

#[test]
fn uninterpretable_tags_are_listed_with_their_lines() {
    let notes = uninterpreted(
        "a\n{% include x.html %}\n{% highlight go %}\nx\n{% endhighlight %}\n{{% notice %}}\nb\n{{% /notice %}}\n{{< foo >}}\n",
    );
    let lines: Vec<usize> = notes.iter().map(|n| n.line).collect();
    assert_eq!(lines, [1, 8], "{notes:?}");
    assert_eq!(notes[0].tag, "{% include x.html %}");
}

#[test]
fn code_shows_its_templates_but_not_raw() {
    let text = "```go-html-template\n{{ with .Site }}{{ end }}\n```\n\nUse `{{ range }}` and `{% raw %}{{ x }}{% endraw %}`.\n\n```liquid\n{% raw %}\n{% if a %}{{ b }}{% endif %}\n{% endraw %}\n```\n";
    assert_eq!(
        md(text),
        "```go-html-template\n{{ with .Site }}{{ end }}\n```\n\nUse `{{ range }}` and `{{ x }}`.\n\n```liquid\n{% if a %}{{ b }}{% endif %}\n```\n"
    );
    assert!(uninterpreted(text).is_empty());
    // Jekyll's highlight shows Liquid as written too.
    assert_eq!(
        md("{% highlight liquid %}\n{{ page.title }}\n{% endhighlight %}\n"),
        "````liquid\n{{ page.title }}\n````\n"
    );
}

#[test]
fn go_templates_and_stray_braces_are_text() {
    let text =
        "Use {{ .Title }} or a map {\"a\": {\"b\": 1}} or {{}}, between \"{{\" and \"}}\".\n";
    assert_eq!(md(text), text);
    assert_eq!(md("unclosed {% tag\n"), "unclosed {% tag\n");
}

#[test]
fn many_unclosed_openers_stay_linear() {
    let text = "{% {{< ".repeat(50_000);
    let started = std::time::Instant::now();
    let out = md(&text);
    assert_eq!(out, text);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn html_bodies_get_html_blocks() {
    let out = interpret(
        "<p>a</p>\n{% highlight c %}\nint x;\n{% endhighlight %}\n{{< figure src=\"x.png\" caption=\"c&d\" >}}\n",
        Syntax::Html,
    );
    assert_eq!(
        out,
        "<p>a</p>\n<pre>\nint x;\n</pre>\n<p><img src=\"x.png\" alt=\"c&amp;d\"></p>\n"
    );
}

proptest::proptest! {
    /// Any mix of template pieces is read without a panic, in bounded output, and what is
    /// left parses as Markdown.
    #[test]
    fn any_mix_of_template_pieces(pieces in proptest::collection::vec(proptest::sample::select(vec![
        "{%", "%}", "{{", "}}", "{{<", ">}}", "{{%", "%}}", "{{</*", "*/>}}", " raw ", " endraw ",
        " highlight ", " endhighlight ", " comment ", " endcomment ", "figure src=\"x\" ",
        "youtube id ", "/", "(", ")", "[t](", "\"", "=", " ", "\n", "```\n", "a", "中", "é",
    ]), 0..80)) {
        let text: String = pieces.concat();
        for syntax in [Syntax::Markdown, Syntax::Html] {
            let out = interpret(&text, syntax);
            proptest::prop_assert!(out.len() <= text.len() * 8 + 64);
            let _ = pulldown_cmark::Parser::new(&out).count();
        }
        let _ = uninterpreted(&text);
    }
}
