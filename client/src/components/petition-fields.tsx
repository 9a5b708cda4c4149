/**
 * The fields of a petition (信访): who petitions and in what role, how it came in (staff recording a visit, a letter or
 * a call; a party filing online has no choice), a contact and the content. The same on the court's case page and the
 * party's page; the forms read them by name.
 */
import { useI18n } from '../i18n';
import { SelectField, TextAreaField, TextField } from './fields';

export function PetitionFields({ withChannel }: { withChannel: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <TextField id="petitionerName" label={t('pet.name')} required minLength={2} maxLength={50} />
      <SelectField id="petitionerRole" label={t('pet.roleLabel')} required defaultValue="creditor">
        <option value="creditor">{t('pet.role.creditor')}</option>
        <option value="debtor">{t('pet.role.debtor')}</option>
        <option value="other">{t('pet.role.other')}</option>
      </SelectField>
      {withChannel ? (
        <SelectField id="channel" label={t('pet.channelLabel')} required defaultValue="visit">
          <option value="visit">{t('pet.channel.visit')}</option>
          <option value="letter">{t('pet.channel.letter')}</option>
          <option value="phone">{t('pet.channel.phone')}</option>
        </SelectField>
      ) : null}
      <TextField id="contact" label={t('pet.contact')} optional maxLength={100} />
      <TextAreaField id="content" label={t('pet.content')} required minLength={5} maxLength={4000} rows={4} />
    </>
  );
}
