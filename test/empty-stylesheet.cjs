// What a stylesheet import of the browser apps resolves to under jest: nothing to test there.
module.exports = {};
