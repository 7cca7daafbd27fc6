// See cjsDefaultInterop in ../render.ts: imported from a .ts file, the default export is the Scrollbars class.
import Scrollbars from 'react-custom-scrollbars-2';

export default Scrollbars;
