import { badGateway, notFound, unavailable, unprocessable, type FieldError } from '../../platform/errors';

export const locationErrors = {
  regionNotFound: () => notFound('location.region_not_found', '지역을 찾을 수 없어요.'),
  neighbourhoodNotSet: () => notFound('location.neighbourhood_not_set', '아직 동네를 설정하지 않았어요.'),
  neighbourhoodInvalid: (errors: FieldError[]) => unprocessable('location.neighbourhood_invalid', '동네 설정 값을 확인해 주세요.', errors),
  outsideKorea: (errors: FieldError[]) => unprocessable('location.outside_korea', '대한민국 안의 위치만 찾을 수 있어요.', errors),
  geocoderNotConfigured: () =>
    unavailable('location.geocoder_not_configured', '주소 검색을 사용할 수 없어요. 지역을 직접 골라 주세요.'),
  geocoderUnavailable: (cause: unknown) =>
    badGateway('location.geocoder_unavailable', '주소 검색 서비스가 응답하지 않아요. 잠시 후 다시 시도해 주세요.', cause),
  addressNotFound: () => notFound('location.address_not_found', '주소를 찾을 수 없어요.'),
};
