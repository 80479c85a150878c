// Plain JavaScript from an older part of the app.

function highlight(nodes) {
  for (let i = 0; i < nodes.length; i++) {
    nodes[i].classList.add("hl");
  }
}

function swapPairs(arr) {
  for (let i = 0; i + 1 < arr.length; i += 2) {
    const t = arr[i];
    arr[i] = arr[i + 1];
    arr[i + 1] = t;
  }
}

module.exports = { highlight, swapPairs };
