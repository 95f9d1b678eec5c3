-- Meshes with their own vertex formats: a custom attribute read by a game shader (bound by
-- name), drawn under the transform stack; a 3-component VertexPosition with a shader doing
-- its own projection (as 3D libraries such as g3d do); a byte colour attribute.
local g = love.graphics
local tint, proj, quad, tri3d
function love.load()
    tint = g.newShader([[
varying vec3 vtint;
#ifdef VERTEX
attribute vec3 Tint;
attribute float Lift;
vec4 position(mat4 transform_projection, vec4 p) {
    vtint = Tint;
    p.y -= Lift;
    return transform_projection * p;
}
#endif
#ifdef PIXEL
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 px) {
    return vec4(vtint, 1.0) * color;
}
#endif
]])
    quad = g.newMesh({
        {"VertexPosition", "float", 2},
        {"Tint", "float", 3},
        {"Lift", "float", 1},
    }, {
        {0, 0, 1, 0, 0, 0},
        {40, 0, 0, 1, 0, 10},
        {40, 40, 0, 0, 1, 10},
        {0, 40, 1, 1, 0, 0},
    }, "fan")
    proj = g.newShader([[
#ifdef VERTEX
vec4 position(mat4 transform_projection, vec4 p) {
    // A perspective-ish projection of its own: x, y in [-1, 1], z pushes towards the centre.
    float s = 1.0 / (1.0 + p.z);
    return vec4(p.x * s * 0.4 + 0.45, p.y * s * 0.5, 0.0, 1.0);
}
#endif
]])
    tri3d = g.newMesh({
        {"VertexPosition", "float", 3},
        {"VertexColor", "byte", 4},
    }, {
        {-1, -1, 0, 1, 0, 0, 1},
        {1, -1, 1, 0, 1, 0, 1},
        {0, 1, 0.5, 0, 0, 1, 1},
    }, "triangles")
end
function love.draw()
    g.clear(0.1, 0.1, 0.1)
    g.setShader(tint)
    g.push()
    g.translate(20, 30)
    g.scale(1.5, 1)
    g.draw(quad)
    g.pop()
    g.setColor(1, 1, 1, 0.5)
    g.draw(quad, 10, 80, 0, 0.5, 0.5)
    g.setColor(1, 1, 1)
    g.setShader(proj)
    g.draw(tri3d)
    g.setShader()
    g.rectangle("line", 4.5, 4.5, 151, 111)
end
