/**
 * Markdown as plain text, for fields that are read as text (SARIF `help.text`, terminals):
 * headings, emphasis, code marks and links lose their markup, code blocks stay as indented
 * lines, and the words stay as written.
 */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  // Bold may run over a line break; code fences and spans keep their asterisks.
  const unbolded = markdown
    .replace(/\r\n?/g, '\n')
    .split(/(^\s*(?:```|~~~)[\s\S]*?^\s*(?:```|~~~).*$)/m)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\*\*([^*`]+?)\*\*/g, '$1')))
    .join('');
  for (const line of unbolded.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(`    ${line}`);
      continue;
    }
    const prose = line
      .replace(/^#{1,6}\s+/, '')
      .replace(/^(\s*)[*+-]\s+/, '$1- ')
      .replace(/^\s*\|?\s*:?-{3,}.*$/, '');
    // Code spans keep their text as written (`s3:*`); markup is taken out of the prose between them.
    out.push(prose.split(/(`[^`]+`)/).map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? part.slice(1, -1) : inline(part))).join(''));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\(([^)]*)\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?!\s)([^*]+?)\*(?!\w)/g, '$1$2');
}
