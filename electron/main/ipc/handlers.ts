import type { NewsdeskHandlers } from '../../../shared/ipc/contract'
import type { Services } from '../services'

/** The handler table: one line per contract method, each delegating to a service. No electron import. */
export function createHandlers(services: Services): NewsdeskHandlers {
  return {
    workspace: {
      info: () => services.library.info(),
    },
    articles: {
      list: (query) => services.library.list(query),
      load: (id) => services.library.load(id),
      create: (input) => services.library.create(input),
      save: (draft) => services.library.save(draft),
    },
  }
}
