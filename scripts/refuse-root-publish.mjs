// `prepublishOnly`: the checkout is not what gets published (it has a postinstall that builds a
// checkout). Publish the staged package instead, which installs without running anything.
process.stderr.write('faaslint: publish the staged package, not the checkout: `npm run pack:release`, then `npm publish <the tarball it prints>`.\n');
process.exit(1);
