import { boldMark, codeMark, italicMark, linkMark, strikeMark } from './marks/marks'
import { figureNode } from './nodes/figure'
import { mediaEmbedNode } from './nodes/media-embed'
import { blockquoteNode, bulletListNode, horizontalRuleNode, listItemNode, orderedListNode } from './nodes/structure'
import { docNode, hardBreakNode, headingNode, paragraphNode, textNode } from './nodes/text-blocks'
import type { MarkDefinition, NodeDefinition } from './types'

/** Every node of the article body, the one list the editor, the codec and every output read. */
export const editorNodes: readonly NodeDefinition[] = [
  docNode,
  paragraphNode,
  textNode,
  headingNode,
  blockquoteNode,
  bulletListNode,
  orderedListNode,
  listItemNode,
  hardBreakNode,
  horizontalRuleNode,
  figureNode,
  mediaEmbedNode,
]

/** Every mark of the article body, the one list the editor, the codec and every output read. */
export const editorMarks: readonly MarkDefinition[] = [codeMark, boldMark, italicMark, strikeMark, linkMark]

const NODES = new Map(editorNodes.map((n) => [n.name, n]))
const MARKS = new Map(editorMarks.map((m) => [m.name, m]))

/** The definition of a node type, or undefined for a type the schema does not have. */
export function nodeDefinition(name: string): NodeDefinition | undefined {
  return NODES.get(name)
}

/** The definition of a mark type, or undefined for a type the schema does not have. */
export function markDefinition(name: string): MarkDefinition | undefined {
  return MARKS.get(name)
}
