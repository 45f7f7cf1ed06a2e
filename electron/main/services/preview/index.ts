// The preview wing's public door: the listing and article previews and their PDF. Other wings import from here.
export { PreviewService, type PdfPrinter, type PickPdfDestination } from './preview'
