/** The osls plugin in local-archive.js: gives the archive function the local S3's bucket offline. */
declare class LocalArchive {
  constructor(serverless: unknown);
  hooks: Record<string, () => void>;
  useLocalBucket(env: Record<string, string | undefined>): void;
}
export = LocalArchive;
