-- Depth/stencil canvases (reference rendered by LÖVE 11.4 with tests/golden/love/compare.sh's
-- harness): two overlapping triangles at different z drawn far-last into a canvas whose
-- depth buffer is a depth24 Canvas (setCanvas{canvas, depthstencil = depth}) under
-- setDepthMode("less", true): the near (red) one stays in front. Beside it a second colour
-- canvas drawn with the same, uncleared depth canvas: the green quad only shows where the
-- first pass wrote no depth. Below: a stencil8 canvas as the stencil buffer, and the
-- (readable) depth canvas itself drawn: depth in red (near 0.25, 2D 0.5, far 0.75, clear 1).
local g = love.graphics
local near, far, quad, canvas, canvas2, depth, stencil, canvas3
local fmt = {{"VertexPosition", "float", 3}, {"VertexColor", "byte", 4}}
function love.load()
    near = g.newMesh(fmt, {{0, 0, 5, 1, 0, 0, 1}, {50, 10, 5, 1, 0, 0, 1}, {10, 40, 5, 1, 0, 0, 1}}, "triangles")
    far = g.newMesh(fmt, {{15, 5, -5, 0, 0, 1, 1}, {45, 45, -5, 0, 0, 1, 1}, {5, 30, -5, 0, 0, 1, 1}}, "triangles")
    quad = g.newMesh(fmt, {{0, 0, 0, 0, 1, 0, 1}, {60, 0, 0, 0, 1, 0, 1}, {60, 50, 0, 0, 1, 0, 1},
        {0, 0, 0, 0, 1, 0, 1}, {60, 50, 0, 0, 1, 0, 1}, {0, 50, 0, 0, 1, 0, 1}}, "triangles")
    canvas = g.newCanvas(60, 50)
    canvas2 = g.newCanvas(60, 50)
    canvas3 = g.newCanvas(60, 50)
    depth = g.newCanvas(60, 50, {format = "depth24", readable = true})
    stencil = g.newCanvas(60, 50, {format = "stencil8"})
end
function love.draw()
    g.clear(0.15, 0.15, 0.15)
    g.setCanvas({canvas, depthstencil = depth})
    g.clear(0, 0, 0, 1)
    g.setDepthMode("less", true)
    g.draw(near)
    g.draw(far)
    g.setCanvas({canvas2, depthstencil = depth})
    g.clear(0.2, 0.2, 0.4, 1, false, false)
    g.setDepthMode("less", false)
    g.draw(quad)
    g.setDepthMode()
    g.setCanvas({canvas3, depthstencil = stencil})
    g.clear(0, 0, 0, 1)
    g.stencil(function() g.circle("fill", 30, 25, 20) end, "replace", 1)
    g.setStencilTest("equal", 1)
    g.setColor(1, 1, 0)
    g.rectangle("fill", 0, 0, 45, 50)
    g.setStencilTest()
    g.setColor(1, 1, 1)
    g.setCanvas()
    g.draw(canvas, 5, 5)
    g.draw(canvas2, 80, 5)
    g.draw(canvas3, 5, 65)
    g.draw(depth, 80, 65)
end
