import { addAreaTexts } from '../../shared/i18n';
import en from '../../locales/en/deskOffline.json';
import fr from '../../locales/fr/deskOffline.json';

addAreaTexts('deskOffline', { fr, en });
