// Rendering comments: one as raw HTML, one as text.

export function renderComment(el: HTMLElement, body: string) {
  el.innerHTML = `<p class="comment">${body}</p>`;
}

export function renderAuthor(el: HTMLElement, author: string) {
  el.textContent = author;
}
