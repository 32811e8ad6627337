// The customer search with the retention area's words.
import { useTranslation } from 'react-i18next';
import { CustomerSearch as Search } from '../customers/CustomerSearch';

export function CustomerSearch(props: { value: string; onChange: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Search
      {...props}
      chosenLabel={t('retention.common.customer')}
      findLabel={t('retention.common.findCustomer')}
      changeLabel={t('retention.common.changeCustomer')}
    />
  );
}
