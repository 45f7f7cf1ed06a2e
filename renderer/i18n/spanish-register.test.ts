import { describe, expect, it } from 'vitest'
import { resourceFor } from './index'

// The Spanish UI speaks to the user as "tú" (as the editor and the conflict view always did). These are the
// "usted" forms that were once in the locale files; none may come back. Words that are also right in the "tú"
// register ("su" meaning his/her/its, "está" of a third person) are only listed inside phrases that mean "you".
const USTED_FORMS: readonly RegExp[] = [
  /\bustede?s?\b/i,
  /\bsus? (nombre|correo|identidad|commits|reserva|equipo|texto|cambios)\b/i,
  /\ble ven\b/i,
  /\bha tomado\b/i,
  /\b(que|de que) está editando\b/i,
  /(?<!se )\bpuede (leer|restaurarlo)\b/i,
  /\b(elija|indique|active|abra|guarde|escriba|espere|compruebe|vuelva|pida|revise|configure|instale|clone|use|traiga|quite|complete|ponga|vacíe)\b/i,
  /\b(póngase|pónganse|ábralo|déjelo|configúrelas|escríbala|descríbala|acórtelo)\b/i,
  /\bmientras lo editaba\b/i,
]

/** Every string of a translation resource, with the dotted key it sits under. */
function strings(resource: unknown, prefix = ''): [key: string, value: string][] {
  if (typeof resource === 'string') return [[prefix, resource]]
  if (resource === null || typeof resource !== 'object') return []
  return Object.entries(resource).flatMap(([key, value]) => strings(value, prefix ? `${prefix}.${key}` : key))
}

function ustedIn(text: string): string[] {
  return USTED_FORMS.flatMap((form) => text.match(form)?.[0] ?? [])
}

describe('Spanish register', () => {
  it('recognises the usted forms it guards against', () => {
    expect(ustedIn('Indique su nombre y correo')).toEqual(['su nombre', 'Indique'])
    expect(ustedIn('Puede leer, pero no guardar; use Guardar como…')).toEqual(['Puede leer', 'use'])
    expect(ustedIn('ahora le ven a usted como su editor; pónganse de acuerdo')).toEqual(['usted', 'le ven', 'pónganse'])
    expect(
      ustedIn(
        'Indica tu nombre y correo; ábrelo y elige; su longitud prevista; {{name}} está editando; no se puede leer',
      ),
    ).toEqual([])
  })

  it('speaks to the user as tú in every Spanish string', () => {
    const all = strings(resourceFor('es'))
    expect(all.length).toBeGreaterThan(300)
    const offences = all.flatMap(([key, value]) => ustedIn(value).map((form) => `${key}: «${form}» in «${value}»`))
    expect(offences).toEqual([])
  })
})
