/** GOV.UK pagination items: first, last, the current page and its neighbours, with ellipses between. */
export function paginationFor(page: number, lastPage: number, href: (page: number) => string) {
  if (lastPage <= 1) return null
  const shown = new Set([1, lastPage, page - 1, page, page + 1].filter(number => number >= 1 && number <= lastPage))
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = []
  let previous = 0
  for (const number of [...shown].sort((a, b) => a - b)) {
    if (number - previous > 1) items.push({ ellipsis: true })
    items.push({ number, href: href(number), current: number === page })
    previous = number
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < lastPage ? { next: { href: href(page + 1) } } : {}),
  }
}
