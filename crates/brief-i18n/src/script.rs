//! The language a post is written in, for the labels placed inside its article: its `lang`
//! field when brief speaks that language, else the script of its title and the first KiB of
//! its body (kana → Japanese; Han without kana → Chinese, Traditional when more of its
//! characters are Traditional-only forms than Simplified-only ones). Never reads more than
//! [`SAMPLE_BYTES`] of a body.

use super::Lang;

/// How much of a body is looked at.
pub const SAMPLE_BYTES: usize = 1024;

/// Common characters written differently in the two Chinese scripts: the n-th character of
/// `SIMPLIFIED` is the Simplified form of the n-th of `TRADITIONAL`, and neither form is in
/// ordinary use in the other script.
const SIMPLIFIED: &str = "们这个来时说会为国对发经过电业开关长门问间现实动学体种东车机样进没还点从网数据华产场应报资务员级计设认议论语让请记话该边运达选术币价亿万与无书买卖钱银错铁专两乐义习乡亚众优传伤见观规视览觉转软轮输办势区医协单卫厂历压县参双变号响团园围图圆坏块坚声处备头夺奋妇宝导将层岁师帮带广库张归录总恶态战护担拥择换断显条极构标树检楼欢汇汉沟济测热爱环盘码础确离积称稳线练组细织终结给统继续维罗职联胜脑节获营虽补装质购费赛轻较辆远连适递邮链销锁闻阵阶际陆随险隐难项须领频题风飞马验鱼鸟龙么仅举严";
const TRADITIONAL: &str = "們這個來時說會為國對發經過電業開關長門問間現實動學體種東車機樣進沒還點從網數據華產場應報資務員級計設認議論語讓請記話該邊運達選術幣價億萬與無書買賣錢銀錯鐵專兩樂義習鄉亞眾優傳傷見觀規視覽覺轉軟輪輸辦勢區醫協單衛廠歷壓縣參雙變號響團園圍圖圓壞塊堅聲處備頭奪奮婦寶導將層歲師幫帶廣庫張歸錄總惡態戰護擔擁擇換斷顯條極構標樹檢樓歡匯漢溝濟測熱愛環盤碼礎確離積稱穩線練組細織終結給統繼續維羅職聯勝腦節獲營雖補裝質購費賽輕較輛遠連適遞郵鏈銷鎖聞陣階際陸隨險隱難項須領頻題風飛馬驗魚鳥龍麼僅舉嚴";

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FA}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9D}')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// The language the script of `texts` shows, or `None` for text without Han or kana.
/// Japanese needs kana to be at least a sixth as common as Han, so a Chinese text quoting a
/// Japanese name stays Chinese.
pub fn detect_script<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
    let (mut kana, mut han, mut simplified, mut traditional) = (0usize, 0usize, 0usize, 0usize);
    for c in texts.into_iter().flat_map(str::chars) {
        if is_kana(c) {
            kana += 1;
        } else if is_han(c) {
            han += 1;
            if SIMPLIFIED.contains(c) {
                simplified += 1;
            } else if TRADITIONAL.contains(c) {
                traditional += 1;
            }
        }
    }
    if kana > 0 && kana * 6 >= han {
        Some(Lang::Ja)
    } else if han > 0 {
        Some(if traditional > simplified {
            Lang::ZhHant
        } else {
            Lang::ZhHans
        })
    } else if kana > 0 {
        Some(Lang::Ja)
    } else {
        None
    }
}

/// The language of a post: the first of its `lang` values brief speaks (`zh-TW`, `ja`,
/// `en-US`…), else the script of its title and the first KiB (`SAMPLE_BYTES`) of its body.
///
/// A bare `zh` names no script: the characters decide between Simplified and Traditional.
pub fn post_language(lang: &[String], title: &str, body: &str) -> Option<Lang> {
    let sample = || {
        let mut end = body.len().min(SAMPLE_BYTES);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        detect_script([title, &body[..end]])
    };
    match lang.iter().find(|l| Lang::from_tag(l).is_some()) {
        Some(tag) if tag.trim().eq_ignore_ascii_case("zh") => match sample() {
            Some(Lang::ZhHant) => Some(Lang::ZhHant),
            _ => Some(Lang::ZhHans),
        },
        Some(tag) => Lang::from_tag(tag),
        None => sample(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_tables_pair_distinct_characters() {
        let simplified: Vec<char> = SIMPLIFIED.chars().collect();
        let traditional: Vec<char> = TRADITIONAL.chars().collect();
        assert_eq!(simplified.len(), traditional.len());
        for (s, t) in simplified.iter().zip(&traditional) {
            assert_ne!(s, t);
            assert!(!TRADITIONAL.contains(*s), "{s} is in both tables");
            assert!(!SIMPLIFIED.contains(*t), "{t} is in both tables");
        }
    }

    #[test]
    fn scripts_tell_the_language() {
        assert_eq!(
            detect_script(["东京的数据中心发展很快"]),
            Some(Lang::ZhHans)
        );
        assert_eq!(
            detect_script(["東京的數據中心發展很快"]),
            Some(Lang::ZhHant)
        );
        assert_eq!(
            detect_script(["東京のデータセンターが増えている"]),
            Some(Lang::Ja)
        );
        assert_eq!(detect_script(["Nvidia ships a new chip"]), None);
        assert_eq!(detect_script([""]), None);
        // One katakana name in a long Chinese sentence does not make it Japanese.
        assert_eq!(
            detect_script(["索尼（ソニー）公布了新的季度财报，游戏业务收入增长明显，市场反应积极"]),
            Some(Lang::ZhHans)
        );
    }

    #[test]
    fn the_lang_field_wins_and_the_body_is_only_sampled() {
        assert_eq!(
            post_language(&["en".into()], "中文标题", "中文"),
            Some(Lang::En)
        );
        assert_eq!(
            post_language(&["fr".into(), "zh-TW".into()], "", ""),
            Some(Lang::ZhHant)
        );
        let late_kana = format!("{}ですね", "a".repeat(SAMPLE_BYTES));
        assert_eq!(post_language(&[], "Title", &late_kana), None);
        let cut = format!("{}数据", "a".repeat(SAMPLE_BYTES - 1));
        assert_eq!(post_language(&[], "", &cut), None);
        assert_eq!(post_language(&[], "", "日本の市場"), Some(Lang::Ja));
        // `zh` alone leaves the script to the text; `zh-CN` does not.
        assert_eq!(
            post_language(&["zh".into()], "半導體週報", "這週的晶片價格"),
            Some(Lang::ZhHant)
        );
        assert_eq!(
            post_language(&["zh".into()], "Weekly", "Chips"),
            Some(Lang::ZhHans)
        );
        assert_eq!(
            post_language(&["zh-CN".into()], "半導體週報", "這週的晶片價格"),
            Some(Lang::ZhHans)
        );
    }
}
