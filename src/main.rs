//! Entry point: starts the studio on its page (see [`banana_studio::start`]).

fn main() {
    banana_studio::start();
}
