export { renderBodyHtml, type BodyRenderOptions } from '../editor'
export { RENDER_CSS, RENDER_CSS_SHA256 } from './css'
export { escapeHtml, safeHref, safeImageSrc } from './html'
export { labelsFor, type PageLabels } from './labels'
export {
  formatDate,
  renderArticlePage,
  renderListingPage,
  type ArticleRenderOptions,
  type ListingRenderOptions,
  type PageRenderOptions,
  type PageTheme,
} from './pages'
