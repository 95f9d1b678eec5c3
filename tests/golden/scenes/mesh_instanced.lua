-- Instancing: a quad drawn 12 times with drawInstanced, each instance placed and tinted by
-- a per-instance attribute attached from another Mesh; a per-vertex attribute attached to
-- a Mesh; a SpriteBatch with an attached per-vertex attribute.
local g = love.graphics
local shader, quad, instances, grad, sb
function love.load()
    shader = g.newShader([[
varying vec4 tint;
#ifdef VERTEX
attribute vec2 InstancePos;
attribute vec4 InstanceTint;
vec4 position(mat4 transform_projection, vec4 p) {
    tint = InstanceTint;
    p.xy += InstancePos;
    return transform_projection * p;
}
#endif
#ifdef PIXEL
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 px) {
    return tint * color;
}
#endif
]])
    quad = g.newMesh({{0, 0}, {16, 0}, {16, 16}, {0, 16}}, "fan")
    local list = {}
    for i = 0, 11 do
        local x, y = (i % 4) * 22, math.floor(i / 4) * 22
        list[#list + 1] = {x, y, i / 11, 1 - i / 11, 0.5, 1}
    end
    instances = g.newMesh({{"InstancePos", "float", 2}, {"InstanceTint", "float", 4}}, list, "points")
    quad:attachAttribute("InstancePos", instances, "perinstance")
    quad:attachAttribute("InstanceTint", instances, "perinstance")
    -- Per vertex: a second quad reads its tint from another mesh's "Shade" under the
    -- shader's name InstanceTint, and zero offsets.
    grad = g.newMesh({{0, 0}, {40, 0}, {40, 30}, {0, 30}}, "fan")
    local shades = g.newMesh({{"Shade", "float", 4}, {"Zero", "float", 2}},
        {{1, 0, 0, 1, 0, 0}, {0, 1, 0, 1, 0, 0}, {0, 0, 1, 1, 0, 0}, {1, 1, 1, 1, 0, 0}}, "points")
    grad:attachAttribute("InstanceTint", shades, "pervertex", "Shade")
    grad:attachAttribute("InstancePos", shades, "pervertex", "Zero")
    local img = g.newImage(love.image.newImageData(8, 8, "rgba8", string.rep("\255", 8 * 8 * 4)))
    sb = g.newSpriteBatch(img, 4)
    sb:add(0, 0); sb:add(12, 0)
    local per = g.newMesh({{"InstanceTint", "float", 4}, {"InstancePos", "float", 2}}, 8, "points")
    for v = 1, 8 do per:setVertex(v, v / 8, 0.2, 1 - v / 8, 1, 0, v) end
    sb:attachAttribute("InstanceTint", per)
    sb:attachAttribute("InstancePos", per)
end
function love.draw()
    g.clear(0.1, 0.1, 0.12)
    g.setShader(shader)
    g.drawInstanced(quad, 12, 8, 8)
    g.draw(grad, 105, 10)
    g.draw(sb, 105, 60, 0, 2, 2)
    g.setShader()
end
