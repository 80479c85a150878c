import React from "react";

export function TagList({ tags }: { tags: string[] }) {
  const chips: JSX.Element[] = [];
  for (let i = 0; i < tags.length; i++) {
    chips.push(<span className="tag">{tags[i]}</span>);
  }
  return <div>{chips}</div>;
}
