'use strict'; module.exports = { compare: async () => {}, failure: async () => {}, security: async () => {} };
