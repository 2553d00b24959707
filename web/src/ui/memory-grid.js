// Trained memories drawn as a grid of small greyscale images: memory mu's
// first N values (its pixels; the C label values after them are not drawn)
// as a side × side image, value +1 dark and -1 light, as drawPattern draws
// ±1 patterns. Only drawing: the values are the module's.

/**
 * The grey shades (0-255) of the first `count` memories' pixels, count × N
 * bytes: what the grid draws, small enough to keep one per epoch.
 * memories: the module's TrainedMemories.
 */
export function memoryShades({ pixels, classes, weights }, count) {
  const width = pixels + classes;
  const shades = new Uint8ClampedArray(count * pixels);
  for (let mu = 0; mu < count; mu++)
    for (let i = 0; i < pixels; i++) shades[mu * pixels + i] = 127.5 * (1 - weights[mu * width + i]);
  return shades;
}

/** Draws count memories' shades on canvas, `columns` a row, each side × side with a 1-pixel gap; CSS scales it up. */
export function drawMemoryGrid(canvas, shades, { count, side, columns }) {
  const rows = Math.max(1, Math.ceil(count / columns));
  canvas.width = columns * (side + 1) - 1;
  canvas.height = rows * (side + 1) - 1;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  for (let mu = 0; mu < count; mu++) {
    const left = (mu % columns) * (side + 1);
    const top = Math.floor(mu / columns) * (side + 1);
    for (let i = 0; i < side * side; i++) {
      const shade = shades[mu * side * side + i];
      const at = 4 * ((top + Math.floor(i / side)) * canvas.width + left + (i % side));
      image.data[at] = image.data[at + 1] = image.data[at + 2] = shade;
      image.data[at + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
}
