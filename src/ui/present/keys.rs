//! Keys shared by the projector and presenter windows: what a clicker sends
//! (arrows, PageUp/PageDown) and what reveal.js users know.

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Next,
    Previous,
    First,
    Last,
    Digit(u8),
    Jump,
    Reveal,
    Black,
    Fullscreen,
    Overview,
    Presenter,
}

pub fn command(key: &str) -> Option<Command> {
    Some(match key {
        "ArrowRight" | "ArrowDown" | "PageDown" | " " | "n" | "N" => Command::Next,
        "ArrowLeft" | "ArrowUp" | "PageUp" | "Backspace" => Command::Previous,
        "Home" => Command::First,
        "End" => Command::Last,
        "Enter" => Command::Jump,
        "r" | "R" => Command::Reveal,
        "b" | "B" | "." => Command::Black,
        "f" | "F" => Command::Fullscreen,
        "Escape" | "o" | "O" => Command::Overview,
        "p" | "P" => Command::Presenter,
        d if d.len() == 1 && d.as_bytes()[0].is_ascii_digit() => {
            Command::Digit(d.as_bytes()[0] - b'0')
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicker_keys_move_and_digits_jump() {
        for key in ["ArrowRight", "PageDown", " "] {
            assert_eq!(command(key), Some(Command::Next));
        }
        for key in ["ArrowLeft", "PageUp"] {
            assert_eq!(command(key), Some(Command::Previous));
        }
        assert_eq!(command("7"), Some(Command::Digit(7)));
        assert_eq!(command("."), Some(Command::Black));
        assert_eq!(command("x"), None);
    }
}
