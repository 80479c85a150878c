// A shopping cart: one loop to simplify, one that needs its index.

export interface Item {
  name: string;
  price: number;
  quantity: number;
}

export function subtotal(items: Item[]): number {
  let sum = 0;
  for (let i = 0; i < items.length; i++) {
    sum += items[i].price * items[i].quantity;
  }
  return sum;
}

export function receiptLines(items: Item[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < items.length; i++) {
    lines.push(`${i + 1}. ${items[i].name}`);
  }
  return lines;
}

export function names(items: Item[]): string[] {
  return items.map((item) => item.name);
}
