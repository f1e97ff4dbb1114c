/// The browser window sizes the suite runs at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Viewport {
    /// 390 x 844 CSS pixels (a current phone, portrait).
    Phone,
    /// 1920 x 1080 CSS pixels.
    Desktop,
    /// 1024 x 768 CSS pixels (a 4:3 projector); not in [`Viewport::ALL`].
    Projector43,
    /// 320 x 568 CSS pixels (the smallest phone still in use, and 400 %
    /// zoom of a 1280 px window); not in [`Viewport::ALL`].
    SmallPhone,
}

impl Viewport {
    pub const ALL: [Viewport; 2] = [Viewport::Phone, Viewport::Desktop];

    /// Wanted `window.innerWidth` x `window.innerHeight`.
    pub fn size(self) -> (u32, u32) {
        match self {
            Viewport::Phone => (390, 844),
            Viewport::Desktop => (1920, 1080),
            Viewport::Projector43 => (1024, 768),
            Viewport::SmallPhone => (320, 568),
        }
    }

    /// Short name, used as the screenshot folder.
    pub fn name(self) -> &'static str {
        match self {
            Viewport::Phone => "phone",
            Viewport::Desktop => "desktop",
            Viewport::Projector43 => "projector-4x3",
            Viewport::SmallPhone => "phone-320",
        }
    }

    /// Phones overlay their scrollbars.
    pub fn is_phone(self) -> bool {
        matches!(self, Viewport::Phone | Viewport::SmallPhone)
    }
}

impl std::fmt::Display for Viewport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
