use std::time::Instant;
fn main() {
    let dir = std::path::Path::new("/tmp/c10k/0000");
    let files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let t = Instant::now();
    let mut total = 0;
    for f in &files {
        total += std::fs::read(f).unwrap().len();
    }
    eprintln!(
        "read {:?} per file ({total})",
        t.elapsed() / files.len() as u32
    );
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let t = Instant::now();
    for s in &texts {
        let _ = std::str::from_utf8(s.as_bytes()).unwrap();
    }
    eprintln!("utf8 {:?}", t.elapsed() / files.len() as u32);
    let fronts: Vec<String> = texts
        .iter()
        .filter(|s| s.starts_with("---"))
        .map(|s| {
            let e = s[4..].find("\n---").unwrap();
            s[4..4 + e].to_string()
        })
        .collect();
    let t = Instant::now();
    for f in &fronts {
        let _: serde_yaml::Value = serde_yaml::from_str(f).unwrap();
    }
    eprintln!("yaml value {:?}", t.elapsed() / files.len() as u32);
    let t = Instant::now();
    for f in files.iter() {
        let _ = brief::store::load_path(f, &Default::default());
    }
    eprintln!("load_path single {:?}", t.elapsed() / files.len() as u32);
    let t = Instant::now();
    for s in &texts {
        let _ = brief::text::sanitize_block(s);
    }
    eprintln!("sanitize {:?}", t.elapsed() / files.len() as u32);
}
