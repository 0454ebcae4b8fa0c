/** Azurite for the tests: the playground's starter (the product must not import from test/). */
export {
  AZURITE_ACCOUNT,
  AZURITE_KEY,
  startAzurite,
  type Azurite,
} from '../../src/playground/azurite';
