use super::*;

fn facts<'a>(collections: &'a [String]) -> Facts<'a> {
    Facts {
        prompt: "A red hat on a cat",
        caption: "",
        model: "gemini-3.1-flash-image",
        provider: "google",
        size: Some(ImageSize::K2),
        ratio: "16:9",
        day: "2026-12-04",
        references: true,
        region: false,
        favourite: true,
        collections,
    }
}

#[test]
fn each_field_narrows_and_they_combine_with_the_words() {
    let c = vec!["trip".to_string()];
    let f = facts(&c);
    assert!(Filter::default().matches(&f));
    let pass = Filter {
        words: "hat CAT".into(),
        model: Some("gemini-3.1-flash-image".into()),
        provider: Some("google".into()),
        size: Some(ImageSize::K2),
        ratio: Some("16:9".into()),
        from: Some("2026-12-04".into()),
        to: Some("2026-12-04".into()),
        references: true,
        region: false,
        favourites: true,
        collection: Some("trip".into()),
    };
    assert!(pass.matches(&f));
    let fails = [
        Filter {
            words: "dog".into(),
            ..pass.clone()
        },
        Filter {
            model: Some("gemini-3.1-flash-lite-image".into()),
            ..pass.clone()
        },
        Filter {
            provider: Some("anyfast".into()),
            ..pass.clone()
        },
        Filter {
            size: Some(ImageSize::K4),
            ..pass.clone()
        },
        Filter {
            ratio: Some(AUTO.into()),
            ..pass.clone()
        },
        Filter {
            from: Some("2026-12-05".into()),
            ..pass.clone()
        },
        Filter {
            to: Some("2026-12-03".into()),
            ..pass.clone()
        },
        Filter {
            region: true,
            ..pass.clone()
        },
        Filter {
            collection: Some("work".into()),
            ..pass.clone()
        },
    ];
    for filter in fails {
        assert!(!filter.matches(&f), "{filter:?}");
    }
    let plain = Facts {
        references: false,
        favourite: false,
        ratio: "",
        ..f.clone()
    };
    assert!(!Filter {
        references: true,
        ..Filter::default()
    }
    .matches(&plain));
    assert!(!Filter {
        favourites: true,
        ..Filter::default()
    }
    .matches(&plain));
    assert!(Filter {
        ratio: Some(AUTO.into()),
        ..Filter::default()
    }
    .matches(&plain));
}

#[test]
fn the_quick_test_on_stored_json_never_drops_a_match() {
    use crate::studio::HistoryEntry;
    let mut entry: HistoryEntry = serde_json::from_str(
        r#"{"id":"1","created_ms":0,"prompt":"A red hat","settings":{"model":"m-1"},"mime":"image/png","file_name":"a.png"}"#,
    )
    .unwrap();
    let plain = entry.to_json();
    entry.favourite = true;
    entry.collections = vec!["c-1".into()];
    entry.references =
        vec![serde_json::from_str(r#"{"name":"r.png","mime":"image/png","key":"k"}"#).unwrap()];
    let marked = entry.to_json();
    for (filter, plain_passes) in [
        (
            Filter {
                favourites: true,
                ..Filter::default()
            },
            false,
        ),
        (
            Filter {
                references: true,
                ..Filter::default()
            },
            false,
        ),
        (
            Filter {
                collection: Some("c-1".into()),
                ..Filter::default()
            },
            false,
        ),
        (
            Filter {
                model: Some("m-1".into()),
                ..Filter::default()
            },
            true,
        ),
        (
            Filter {
                model: Some("m-2".into()),
                ..Filter::default()
            },
            false,
        ),
        (
            Filter {
                words: "red".into(),
                ..Filter::default()
            },
            true,
        ),
    ] {
        let passes = |e: &HistoryEntry| {
            let c = &e.collections;
            filter.matches(&Facts {
                prompt: &e.prompt,
                caption: &e.caption,
                model: &e.settings.model,
                provider: "google",
                size: None,
                ratio: "",
                day: "",
                references: !e.references.is_empty(),
                region: e.region.is_some(),
                favourite: e.favourite,
                collections: c,
            })
        };
        // Whatever passes is let through by the quick test.
        assert!(
            filter.may_match_json(&marked) || !passes(&entry),
            "{filter:?}"
        );
        assert_eq!(filter.may_match_json(&plain), plain_passes, "{filter:?}");
    }
}

#[test]
fn the_hash_round_trips_and_survives_what_it_does_not_know() {
    let filter = Filter {
        words: "red & hat #1".into(),
        model: Some("google/gemini-3.1-flash-image".into()),
        provider: Some("p-1".into()),
        size: Some(ImageSize::S512),
        ratio: Some("21:9".into()),
        from: Some("2026-11-01".into()),
        to: Some("2026-12-31".into()),
        references: true,
        region: true,
        favourites: true,
        collection: Some("c 1".into()),
    };
    let hash = filter.to_hash();
    assert!(!hash.contains(' ') && !hash.contains('#'), "{hash}");
    assert_eq!(Filter::from_hash(&format!("#{hash}")), filter);
    assert_eq!(Filter::default().to_hash(), "");
    assert_eq!(Filter::from_hash(""), Filter::default());
    let odd = Filter::from_hash("#size=8K&from=yesterday&fav=yes&what=ever&q");
    assert_eq!(odd, Filter::default());
}

#[test]
fn collections_have_clean_names_and_distinct_ids() {
    let a = Collection::new("  Trip   to\tRome ", 1.0, 1).unwrap();
    assert_eq!(a.name, "Trip to Rome");
    assert_ne!(a.id, Collection::new("Trip", 1.0, 2).unwrap().id);
    assert_eq!(Collection::new(" \n ", 1.0, 1), None);
    assert_eq!(clean_name(&"x".repeat(200)).unwrap().len(), NAME_MAX);
}

#[test]
fn local_days_follow_the_offset() {
    // 2026-12-04T23:30:00Z
    let ms = 1_796_427_000_000.0;
    assert_eq!(local_day(ms, 0), "2026-12-04");
    assert_eq!(local_day(ms, 60), "2026-12-05");
    assert_eq!(local_day(ms, -600), "2026-12-04");
    assert_eq!(local_day(0.0, 0), "1970-01-01");
    assert_eq!(local_day(0.0, -1), "1969-12-31");
    assert_eq!(local_day(951_782_400_000.0, 0), "2000-02-29");
}
