//! Time from the browser: a monotonic clock for elapsed times and a wall-clock stamp for file names.

/// Milliseconds from a monotonic clock (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Unix time in seconds.
pub fn unix_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Local time as `YYYYMMDD-HHMMSS`, for file names.
pub fn stamp() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// The local day (`YYYY-MM-DD`) of Unix milliseconds `ms`, with the time zone's offset at that moment.
pub fn local_day(ms: f64) -> String {
    let offset = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).get_timezone_offset();
    crate::studio::library::local_day(ms, -(offset as i32))
}

/// Today's local day (`YYYY-MM-DD`).
pub fn today() -> String {
    local_day(js_sys::Date::now())
}
