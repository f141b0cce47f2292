/**
 * The AWS SDK warns on Node 20 (at each S3 client's creation) that its future releases will need
 * Node 22: nothing a user of Quai can act on (Quai supports Node 20), so the commands that reach
 * S3 (backup, restore, and `quai serve`, whose backups and restores may) silence it, unless the
 * user set the variable.
 */
export function quietAwsSdk(): void {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
}
