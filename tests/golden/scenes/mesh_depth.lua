-- Depth: two overlapping triangles at different z drawn far-last into a canvas with a
-- depth buffer (setCanvas{..., depth = true}) under setDepthMode("less", true): the far
-- one is hidden where they overlap; beside it the pair without depth test. Then setMeshCullMode("back") with both windings,
-- and setFrontFaceWinding("cw").
local g = love.graphics
local near, far, cw, ccw, canvas
local fmt = {{"VertexPosition", "float", 3}, {"VertexColor", "byte", 4}}
function love.load()
    near = g.newMesh(fmt, {{0, 0, 5, 1, 0, 0, 1}, {50, 10, 5, 1, 0, 0, 1}, {10, 40, 5, 1, 0, 0, 1}}, "triangles")
    far = g.newMesh(fmt, {{15, 5, -5, 0, 0, 1, 1}, {45, 45, -5, 0, 0, 1, 1}, {5, 30, -5, 0, 0, 1, 1}}, "triangles")
    -- Clockwise and counter-clockwise as seen on screen (y down).
    cw = g.newMesh({{0, 0}, {20, 0}, {0, 20}}, "triangles")
    ccw = g.newMesh({{0, 0}, {0, 20}, {20, 0}}, "triangles")
    canvas = g.newCanvas(60, 50)
end
function love.draw()
    g.clear(0.15, 0.15, 0.15)
    g.setCanvas({canvas, depth = true})
    g.clear(0, 0, 0, 1)
    g.setDepthMode("less", true)
    g.draw(near)
    g.draw(far)
    g.setDepthMode()
    g.setCanvas()
    g.draw(canvas, 5, 5)
    -- The screen has no depth buffer (no t.window.depth): the test does nothing.
    -- (LÖVE 11.4 on Mesa does test here once a depth canvas was used: not reproduced.)
    g.draw(near, 75, 5)
    g.draw(far, 75, 5)
    g.setMeshCullMode("back")
    g.setColor(0, 1, 0)
    g.draw(cw, 10, 70)
    g.draw(ccw, 40, 70)
    g.setFrontFaceWinding("cw")
    g.setColor(1, 1, 0)
    g.draw(cw, 80, 70)
    g.draw(ccw, 110, 70)
    g.setFrontFaceWinding("ccw")
    g.setMeshCullMode("none")
    g.setColor(1, 1, 1)
end
