/** A file Pairwise ships beside its bundles is missing (the install is incomplete): the message says what to do. */
export class MissingInstallFile extends Error {
  override name = 'MissingInstallFile';
}
