import { Extension, textInputRule } from '@tiptap/core'

/**
 * Newsroom typography as you type: curly double and single quotes, apostrophes, em dash from "--" and the
 * ellipsis from "...". Written by hand because @tiptap/extension-typography peer-pins an older @tiptap/core
 * than the 3.34 this app uses (npm refuses the install); these few input rules are all we need of it.
 * Backspace right after a replacement undoes it (TipTap's undoInputRule, bound by the core keymap).
 */
export const NewsroomTypography = Extension.create({
  name: 'newsroomTypography',

  addInputRules() {
    // An opening quote follows the start of the text, whitespace, an opening bracket or another quote.
    const opener = String.raw`(?:^|[\s{[(<'"\u2018\u201C\u2014])`
    return [
      textInputRule({ find: /--$/, replace: '\u2014' }),
      textInputRule({ find: /\.\.\.$/, replace: '\u2026' }),
      textInputRule({ find: new RegExp(`${opener}(")$`), replace: '\u201C' }),
      textInputRule({ find: /"$/, replace: '\u201D' }),
      textInputRule({ find: new RegExp(`${opener}(')$`), replace: '\u2018' }),
      textInputRule({ find: /'$/, replace: '\u2019' }),
    ]
  },
})
