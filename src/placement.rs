//! Where a hover card goes: below its mention when there is room, else above;
//! never over the mention, never outside the viewport.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Side {
    Below,
    Above,
}

/// CSS for a `position: fixed` card: `left`, and `top` (below) or `bottom`
/// (above, measured from the viewport's bottom edge), a width and a
/// max-height that keeps it inside the viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub side: Side,
    pub left: f64,
    pub top: Option<f64>,
    pub bottom: Option<f64>,
    pub width: f64,
    pub max_height: f64,
}

pub const GAP: f64 = 8.0;
pub const MARGIN: f64 = 8.0;
pub const CARD_WIDTH: f64 = 340.0;
/// Below is preferred while at least this much room is left there.
pub const PREFERRED_ROOM: f64 = 260.0;

pub fn place(anchor: Rect, viewport_w: f64, viewport_h: f64) -> Placement {
    let width = CARD_WIDTH.min(viewport_w - 2.0 * MARGIN).max(0.0);
    let room_below = viewport_h - anchor.bottom - GAP - MARGIN;
    let room_above = anchor.top - GAP - MARGIN;
    let side = if room_below >= PREFERRED_ROOM || room_below >= room_above {
        Side::Below
    } else {
        Side::Above
    };
    let left = anchor.left.min(viewport_w - MARGIN - width).max(MARGIN);
    match side {
        Side::Below => Placement {
            side,
            left,
            top: Some(anchor.bottom + GAP),
            bottom: None,
            width,
            max_height: room_below.max(0.0),
        },
        Side::Above => Placement {
            side,
            left,
            top: None,
            bottom: Some(viewport_h - anchor.top + GAP),
            width,
            max_height: room_above.max(0.0),
        },
    }
}

impl Placement {
    pub fn style(&self) -> String {
        let mut s = format!(
            "left:{:.0}px;width:{:.0}px;max-height:{:.0}px;",
            self.left, self.width, self.max_height
        );
        if let Some(t) = self.top {
            s += &format!("top:{t:.0}px;");
        }
        if let Some(b) = self.bottom {
            s += &format!("bottom:{b:.0}px;");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(l: f64, t: f64, w: f64, h: f64) -> Rect {
        Rect {
            left: l,
            top: t,
            right: l + w,
            bottom: t + h,
        }
    }

    /// The card's box for a given content height.
    fn card_box(p: &Placement, vh: f64, content_h: f64) -> Rect {
        let h = content_h.min(p.max_height);
        match p.side {
            Side::Below => r(p.left, p.top.unwrap(), p.width, h),
            Side::Above => r(p.left, vh - p.bottom.unwrap() - h, p.width, h),
        }
    }

    fn overlaps(a: Rect, b: Rect) -> bool {
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
    }

    #[test]
    fn below_when_room_else_above() {
        assert_eq!(
            place(r(100.0, 100.0, 50.0, 20.0), 1280.0, 900.0).side,
            Side::Below
        );
        assert_eq!(
            place(r(100.0, 800.0, 50.0, 20.0), 1280.0, 900.0).side,
            Side::Above
        );
    }

    #[test]
    fn never_covers_the_mention_nor_leaves_the_viewport() {
        for (vw, vh) in [(1280.0, 900.0), (360.0, 740.0), (800.0, 300.0)] {
            let mut y = 0.0;
            while y < vh - 20.0 {
                let mut x = 0.0;
                while x < vw - 40.0 {
                    let a = r(x, y, 40.0, 20.0);
                    let p = place(a, vw, vh);
                    let c = card_box(&p, vh, 400.0);
                    assert!(!overlaps(a, c), "covers mention at {x},{y} in {vw}x{vh}");
                    assert!(
                        c.left >= 0.0 && c.right <= vw && c.top >= 0.0 && c.bottom <= vh + 0.01,
                        "{c:?} outside {vw}x{vh}"
                    );
                    x += 37.0;
                }
                y += 23.0;
            }
        }
    }

    #[test]
    fn style_has_position() {
        let s = place(r(10.0, 10.0, 10.0, 10.0), 1000.0, 800.0).style();
        assert!(s.contains("top:28px"));
        assert!(s.contains("left:10px"));
    }
}
