// The default shader: textured, vertex-coloured triangles in screen pixels.
// Vertices arrive already transformed by the game's transform stack (CPU batching);
// `proj` maps pixels to clip space for the current target (screen or canvas).
// `fs_mrt2..4` write the same colour to every canvas of setCanvas(c1, c2, ...), as LÖVE's
// default shader does.

struct Globals {
    proj: mat4x4<f32>,
    gl_proj: mat4x4<f32>,
    screen_size: vec4<f32>,
    transform: mat4x4<f32>,
    constant_color: vec4<f32>,
    clip_from_local: mat4x4<f32>,
};

@group(0) @binding(0) var<uniform> globals: Globals;
@group(1) @binding(0) var tex: texture_2d<f32>;
@group(1) @binding(1) var samp: sampler;

struct VsIn {
    @location(0) pos: vec2<f32>,
    @location(1) uv: vec2<f32>,
    @location(2) color: vec4<f32>,
};

struct VsOut {
    @builtin(position) pos: vec4<f32>,
    @location(0) uv: vec2<f32>,
    @location(1) color: vec4<f32>,
};

@vertex
fn vs_main(v: VsIn) -> VsOut {
    var o: VsOut;
    o.pos = globals.proj * vec4<f32>(v.pos, 0.0, 1.0);
    // LOVE: 2D draws land at depth 0.5 (z = 0 in GL's -1..1 depth range), what a depth
    // canvas drawn afterwards shows and what meshes with a z are tested against.
    o.pos.z = 0.5 * o.pos.w;
    o.uv = v.uv;
    o.color = v.color;
    return o;
}

// A Mesh drawn from its own buffer (any vertex format): LÖVE's default vertex shader,
// with the transform and colour LÖVE passes for meshes (GL clip space → wgpu's).
struct VsMeshIn {
    @location(0) pos: vec4<f32>,
    @location(1) uv: vec4<f32>,
    @location(2) color: vec4<f32>,
};

@vertex
fn vs_mesh(v: VsMeshIn) -> VsOut {
    var o: VsOut;
    let p = globals.clip_from_local * v.pos;
    o.pos = vec4<f32>(p.x, p.y * -globals.screen_size.z, (p.z + p.w) * 0.5, p.w);
    o.uv = v.uv.xy;
    o.color = v.color * globals.constant_color;
    return o;
}

@fragment
fn fs_main(i: VsOut) -> @location(0) vec4<f32> {
    return textureSample(tex, samp, i.uv) * i.color;
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
    let c = textureSample(tex, samp, i.uv) * i.color;
    return Out2(c, c);
}

@fragment
fn fs_mrt3(i: VsOut) -> Out3 {
    let c = textureSample(tex, samp, i.uv) * i.color;
    return Out3(c, c, c);
}

@fragment
fn fs_mrt4(i: VsOut) -> Out4 {
    let c = textureSample(tex, samp, i.uv) * i.color;
    return Out4(c, c, c, c);
}
