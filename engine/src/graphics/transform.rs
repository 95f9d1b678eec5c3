//! Transforms: LÖVE's `setTransformation` formula, shear, and the `Transform` object
//! (`love.math.newTransform`), a 4x4 matrix whose 2D part drives drawing.

use glam::{Affine2, Mat2, Mat4, Vec2, Vec3, Vec4};

/// LÖVE's shear matrix: x' = x + kx*y, y' = ky*x + y.
pub fn shear(kx: f32, ky: f32) -> Affine2 {
    Affine2::from_mat2(Mat2::from_cols(Vec2::new(1.0, ky), Vec2::new(kx, 1.0)))
}

/// `Matrix4::setTransformation(x, y, r, sx, sy, ox, oy, kx, ky)`: translate, rotate,
/// scale, shear, then move the origin.
#[allow(clippy::too_many_arguments)]
pub fn from_params(
    x: f32,
    y: f32,
    r: f32,
    sx: f32,
    sy: f32,
    ox: f32,
    oy: f32,
    kx: f32,
    ky: f32,
) -> Affine2 {
    // PERF: most draws don't rotate; skip the sin/cos for them (exact: sin 0 = 0, cos 0 = 1).
    let (s, c) = if r == 0.0 { (0.0, 1.0) } else { r.sin_cos() };
    let a = c * sx - ky * s * sy;
    let b = s * sx + ky * c * sy;
    let cc = kx * c * sx - s * sy;
    let d = kx * s * sx + c * sy;
    Affine2::from_cols(
        Vec2::new(a, b),
        Vec2::new(cc, d),
        Vec2::new(x - ox * a - oy * cc, y - ox * b - oy * d),
    )
}

pub fn affine_to_mat4(a: &Affine2) -> Mat4 {
    Mat4::from_cols(
        Vec4::new(a.matrix2.x_axis.x, a.matrix2.x_axis.y, 0.0, 0.0),
        Vec4::new(a.matrix2.y_axis.x, a.matrix2.y_axis.y, 0.0, 0.0),
        Vec4::new(0.0, 0.0, 1.0, 0.0),
        Vec4::new(a.translation.x, a.translation.y, 0.0, 1.0),
    )
}

/// The 2D part of a 4x4 matrix (what drawing uses).
pub fn mat4_to_affine(m: &Mat4) -> Affine2 {
    Affine2::from_cols(
        Vec2::new(m.x_axis.x, m.x_axis.y),
        Vec2::new(m.y_axis.x, m.y_axis.y),
        Vec2::new(m.w_axis.x, m.w_axis.y),
    )
}

/// A `Transform` object.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    pub m: Mat4,
}

impl Default for Transform {
    fn default() -> Self {
        Transform { m: Mat4::IDENTITY }
    }
}

impl Transform {
    pub fn from_affine(a: &Affine2) -> Transform {
        Transform {
            m: affine_to_mat4(a),
        }
    }

    pub fn affine(&self) -> Affine2 {
        mat4_to_affine(&self.m)
    }

    fn then(&mut self, a: Affine2) {
        self.m *= affine_to_mat4(&a);
    }

    pub fn translate(&mut self, x: f32, y: f32) {
        self.then(Affine2::from_translation(Vec2::new(x, y)));
    }

    pub fn rotate(&mut self, r: f32) {
        self.then(Affine2::from_angle(r));
    }

    pub fn scale(&mut self, sx: f32, sy: f32) {
        self.then(Affine2::from_scale(Vec2::new(sx, sy)));
    }

    pub fn shear(&mut self, kx: f32, ky: f32) {
        self.then(shear(kx, ky));
    }

    pub fn apply(&mut self, other: &Transform) {
        self.m *= other.m;
    }

    pub fn inverse(&self) -> Transform {
        Transform {
            m: self.m.inverse(),
        }
    }

    pub fn transform_point(&self, x: f32, y: f32) -> (f32, f32) {
        let p = self.m.transform_point3(Vec3::new(x, y, 0.0));
        (p.x, p.y)
    }

    pub fn inverse_transform_point(&self, x: f32, y: f32) -> (f32, f32) {
        self.inverse().transform_point(x, y)
    }

    /// Row-major elements, as `getMatrix` returns them.
    pub fn rows(&self) -> [f32; 16] {
        let t = self.m.transpose().to_cols_array();
        let mut out = [0.0; 16];
        out.copy_from_slice(&t);
        out
    }

    /// From row-major (or column-major when `columns`) elements.
    pub fn set_elements(&mut self, e: &[f32; 16], columns: bool) {
        let m = Mat4::from_cols_array(e);
        self.m = if columns { m } else { m.transpose() };
    }

    /// LÖVE's `isAffine2DTransform`: only the 2D affine elements differ from identity.
    pub fn is_affine_2d(&self) -> bool {
        let r = self.rows();
        r[2] == 0.0
            && r[6] == 0.0
            && r[8] == 0.0
            && r[9] == 0.0
            && r[10] == 1.0
            && r[11] == 0.0
            && r[12] == 0.0
            && r[13] == 0.0
            && r[14] == 0.0
            && r[15] == 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f32, f32), b: (f32, f32)) -> bool {
        (a.0 - b.0).abs() < 1e-4 && (a.1 - b.1).abs() < 1e-4
    }

    #[test]
    fn transform_from_params_matches_composition() {
        let a = from_params(10.0, 20.0, 0.5, 2.0, 3.0, 4.0, 5.0, 0.1, 0.2);
        let b = Affine2::from_translation(Vec2::new(10.0, 20.0))
            * Affine2::from_angle(0.5)
            * Affine2::from_scale(Vec2::new(2.0, 3.0))
            * shear(0.1, 0.2)
            * Affine2::from_translation(Vec2::new(-4.0, -5.0));
        assert!(a.abs_diff_eq(b, 1e-4));
    }

    #[test]
    fn transform_point_and_inverse_round_trip() {
        let mut t = Transform::default();
        t.translate(100.0, 50.0);
        t.rotate(std::f32::consts::FRAC_PI_2);
        t.scale(2.0, 2.0);
        let p = t.transform_point(1.0, 0.0);
        assert!(close(p, (100.0, 52.0)), "{p:?}");
        assert!(close(t.inverse_transform_point(p.0, p.1), (1.0, 0.0)));
        assert!(t.is_affine_2d());
    }

    #[test]
    fn transform_rows_are_row_major() {
        let mut t = Transform::default();
        t.translate(7.0, 8.0);
        let r = t.rows();
        assert_eq!((r[3], r[7]), (7.0, 8.0));
    }
}
