use super::*;
use crate::protocol::ImageSize;

fn google() -> Settings {
    let mut s = Settings::for_preset(Preset::Google);
    s.image_size = Some(ImageSize::K2);
    s.count = 3;
    s
}

#[test]
fn adding_saves_the_provider_in_use_and_makes_it_active() {
    let mut saved = Saved::default();
    let mut s = google();
    let id = saved.add(&mut s, "  My Google ").unwrap();
    assert_eq!(s.provider_id, id);
    let p = saved.get(&id).unwrap();
    assert_eq!((p.name.as_str(), p.provider()), ("My Google", s.provider()));
    assert_eq!(p.model, s.model);
    assert_eq!(saved.add(&mut s, "my google"), Err(NameError::Taken));
    assert_eq!(saved.add(&mut s, "   "), Err(NameError::Empty));
    assert_eq!(
        saved.add(&mut s, &"x".repeat(MAX_NAME + 1)),
        Err(NameError::TooLong)
    );
    let second = saved.add(&mut s, "Copy").unwrap();
    assert_ne!(second, id, "each gets its own id");
    assert_eq!(s.provider_id, second);
}

#[test]
fn switching_carries_each_providers_set_up_and_keeps_the_other_choices() {
    let mut saved = Saved::default();
    let mut s = google();
    let g = saved.add(&mut s, "Google").unwrap();
    // A second provider: edited in the settings after being added (the settings are the truth).
    let r = saved.add(&mut s, "Router").unwrap();
    s.select_preset(Preset::OpenRouter);
    s.base_url = "https://relay.example/api/v1".into();
    s.proxy = "https://proxy.example".into();
    s.image_size = Some(ImageSize::K4);
    assert!(saved.switch(&mut s, &g));
    assert_eq!(s.provider_id, g);
    assert_eq!(s.preset, Preset::Google);
    assert_eq!(s.proxy, "");
    assert_eq!((s.count, s.image_size), (3, Some(ImageSize::K4)), "kept");
    let router = saved.get(&r).unwrap();
    assert_eq!(
        (router.base_url.as_str(), router.proxy.as_str()),
        ("https://relay.example/api/v1", "https://proxy.example"),
        "what was edited was kept when switching away"
    );
    s.model = "gemini-3.1-flash-lite-image".into();
    assert!(saved.switch(&mut s, &r));
    assert_eq!(s.base_url, "https://relay.example/api/v1");
    assert_eq!(s.model, "google/gemini-3.1-flash-image-preview");
    assert!(saved.switch(&mut s, &g));
    assert_eq!(
        s.model, "gemini-3.1-flash-lite-image",
        "each provider comes back with its model"
    );
    assert!(!saved.switch(&mut s, &g), "already in use");
    assert!(!saved.switch(&mut s, "p404"), "unknown");
    assert_eq!(s.provider_id, g);
}

#[test]
fn an_unsaved_set_up_is_kept_to_switch_back_to() {
    let mut saved = Saved::default();
    let mut s = Settings::for_preset(Preset::Google);
    let g = saved.add(&mut s, "Google").unwrap();
    let mut adhoc = Settings::for_preset(Preset::Custom);
    adhoc.base_url = "http://127.0.0.1:9/relay".into();
    adhoc.model = "my-model".into();
    assert!(!saved.switch(&mut adhoc, ""), "nothing kept yet");
    assert!(saved.switch(&mut adhoc, &g));
    assert_eq!(adhoc.preset, Preset::Google);
    assert!(saved.switch(&mut adhoc, ""));
    assert_eq!(
        (
            adhoc.provider_id.as_str(),
            adhoc.preset,
            adhoc.base_url.as_str()
        ),
        ("", Preset::Custom, "http://127.0.0.1:9/relay")
    );
    assert_eq!(adhoc.model, "my-model");
}

#[test]
fn removing_the_active_provider_leaves_its_set_up_unsaved_and_comparisons_lose_it() {
    let mut saved = Saved::default();
    let mut s = google();
    let g = saved.add(&mut s, "Google").unwrap();
    let r = saved.add(&mut s, "Router").unwrap();
    s.compare = vec![
        "gemini-3.1-flash-image".into(),
        super::pick(&g, "gemini-2.5-flash-image"),
    ];
    assert!(saved.remove(&mut s, &g));
    assert_eq!(s.compare, ["gemini-3.1-flash-image"]);
    assert_eq!(s.provider_id, r);
    let before = s.provider();
    assert!(saved.remove(&mut s, &r));
    assert_eq!((s.provider_id.as_str(), s.provider()), ("", before));
    assert!(!saved.remove(&mut s, &r));
    assert!(saved.list.is_empty());
    // Ids are not reused.
    let again = saved.add(&mut s, "Google").unwrap();
    assert!(again != g && again != r, "{again}");
}

#[test]
fn renaming_checks_the_name_against_the_others_only() {
    let mut saved = Saved::default();
    let mut s = google();
    let a = saved.add(&mut s, "A").unwrap();
    saved.add(&mut s, "B").unwrap();
    assert_eq!(saved.rename(&a, "b"), Err(NameError::Taken));
    assert_eq!(saved.rename(&a, "a"), Ok(()), "its own name, recased");
    assert_eq!(saved.name_of(&a), Some("a"));
}

#[test]
fn stored_lists_round_trip_and_damaged_ones_read_safely() {
    let mut saved = Saved::default();
    let mut s = google();
    saved.add(&mut s, "Google").unwrap();
    let json = saved.to_json();
    assert_eq!(Saved::from_json(&json), saved);
    assert_eq!(Saved::from_json("not json"), Saved::default());
    let odd = Saved::from_json(
        r#"{"list":[{"id":"p7","name":" A "},{"id":"p7","name":"dup"},{"id":"","name":"no id"},{"id":"p2","name":""}],"unsaved":{"id":"x","name":"y"}}"#,
    );
    assert_eq!(odd.list.len(), 1);
    assert_eq!(odd.list[0].name, "A");
    assert_eq!(odd.list[0].preset, Preset::Google, "missing fields default");
    assert!(odd.next > 7, "a lost counter never reuses an id");
    let u = odd.unsaved.unwrap();
    assert!(u.id.is_empty() && u.name.is_empty());
}

#[test]
fn the_list_holds_at_most_max_saved() {
    let mut saved = Saved::default();
    let mut s = google();
    for i in 0..MAX_SAVED {
        saved.add(&mut s, &format!("P{i}")).unwrap();
    }
    assert_eq!(saved.add(&mut s, "one more"), Err(NameError::Full));
}
