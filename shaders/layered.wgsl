// Draws of array textures (`drawLayer`, SpriteBatch:addLayer): basic.wgsl with the layer
// as a third texture coordinate (LÖVE's STPf vertex format), read from a second vertex
// buffer so the 2D path's vertices stay 20 bytes.

struct Globals {
    proj: mat4x4<f32>,
    gl_proj: mat4x4<f32>,
    screen_size: vec4<f32>,
    transform: mat4x4<f32>,
    constant_color: vec4<f32>,
    clip_from_local: mat4x4<f32>,
};

@group(0) @binding(0) var<uniform> globals: Globals;
@group(1) @binding(0) var tex: texture_2d_array<f32>;
@group(1) @binding(1) var samp: sampler;

struct VsIn {
    @location(0) pos: vec2<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) color: vec4<f32>,
    @location(3) layer: f32,
};

struct VsOut {
    @builtin(position) pos: vec4<f32>,
    @location(0) uv: vec2<f32>,
    @location(1) color: vec4<f32>,
    @location(2) @interpolate(flat) layer: i32,
};

@vertex
fn vs_main(v: VsIn) -> VsOut {
    var o: VsOut;
    o.pos = globals.proj * vec4<f32>(v.pos, 0.0, 1.0);
    o.uv = v.uv;
    o.color = v.color;
    o.layer = i32(v.layer + 0.5);
    return o;
}

fn sample(i: VsOut) -> vec4<f32> {
    return textureSample(tex, samp, i.uv, i.layer) * i.color;
}

@fragment
fn fs_main(i: VsOut) -> @location(0) vec4<f32> {
    return sample(i);
}

struct Out2 {
    @location(0) c0: vec4<f32>,
    @location(1) c1: vec4<f32>,
};

struct Out3 {
    @location(0) c0: vec4<f32>,
    @location(1) c1: vec4<f32>,
    @location(2) c2: vec4<f32>,
};

struct Out4 {
    @location(0) c0: vec4<f32>,
    @location(1) c1: vec4<f32>,
    @location(2) c2: vec4<f32>,
    @location(3) c3: vec4<f32>,
};

@fragment
fn fs_mrt2(i: VsOut) -> Out2 {
    let c = sample(i);
    return Out2(c, c);
}

@fragment
fn fs_mrt3(i: VsOut) -> Out3 {
    let c = sample(i);
    return Out3(c, c, c);
}

@fragment
fn fs_mrt4(i: VsOut) -> Out4 {
    let c = sample(i);
    return Out4(c, c, c, c);
}
